import * as assert from 'assert';
import type * as Engine from '../../server/src/engine/coverageTree';
import type { CoverageSummary as EngineSummary } from '../../server/src/engine/coverage';
import type { GateResult as EngineGate } from '../../server/src/engine/gate';
import type { SprintCapacity as EngineSprint } from '../../server/src/engine/capacity';
import type * as Shared from '../../shared/protocol';

/** True when each type is assignable to the other: the engine's types and the contract's say the same. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// Checked by the compiler (npx tsc): a field added, removed or changed on one side and not the other fails the build.
const SAME: [
  Same<Engine.CoverageModel, Shared.CoverageModel>,
  Same<Engine.BacklogNode, Shared.BacklogNode>,
  Same<Engine.UseCaseNode, Shared.UseCaseNode>,
  Same<Engine.AbuseCaseNode, Shared.AbuseCaseNode>,
  Same<Engine.MitigationNode, Shared.MitigationNode>,
  Same<Engine.BuiltMitigation, Shared.BuiltMitigation>,
  Same<Engine.CiaMark, Shared.CiaMark>,
  Same<Engine.NodeLocation, Shared.NodeLocation>,
  Same<EngineSummary, Shared.CoverageSummary>,
  Same<EngineGate, Shared.GateResult>,
  Same<EngineSprint, Shared.SprintCapacity>,
] = [true, true, true, true, true, true, true, true, true, true, true];

describe('the contract (shared/)', () => {
  it('declares the coverage model exactly as the engine builds it', () => {
    assert.ok(SAME.every(Boolean));
  });
});
