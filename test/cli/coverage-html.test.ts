/**
 * `abuse-cases coverage --format html`, as a reader sees it: the CLI's page opened in headless Chromium,
 * its heat map and capacity chart checked in the DOM and in the pixels of their screenshots.
 *
 * `UPDATE_SCREENSHOTS=1` also saves the report of the examples to docs/images/coverage-report.png.
 * Other variables: CHROMIUM_PATH (default /usr/bin/chromium).
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { Browser, chromium, Locator, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { BAR_COLOURS, HEAT_COLOURS, HEAT_STATES, HeatState } from '../../server/src/cli/coverageHtml';
import { COVERAGE_STATES, STATE_LEGEND } from '../../server/src/engine/coverageTree';
import type { CiaMark, CoverageModel, UseCaseNode } from '../../server/src/engine/coverageTree';
import { DIMENSIONS } from '../../server/src/engine/format';
import { flattenBacklog } from '../../server/src/engine/backlogTree';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const TODAY = '2026-11-24';
const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === '1';
const DOCS_SCREENSHOT = path.join(ROOT, 'docs/images/coverage-report.png');
/** Wide enough that the chart is drawn at its own size; one CSS pixel per screenshot pixel keeps coordinates simple. */
const VIEWPORT = { width: 1100, height: 900 };
const STEP_TIMEOUT_MS = 10_000;
/** Solid fills render exactly; the slack covers a colour profile rounding a channel. */
const CHANNEL_TOLERANCE = 3;
/** How far inside a box to sample, clear of borders and anti-aliased edges. */
const INSET = 5;

type Rgb = [number, number, number];
type Box = { x: number; y: number; width: number; height: number };

function runCli(...args: string[]): string {
  const result = spawnSync(process.execPath, [CLI, 'coverage', ...args, '--today', TODAY], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.strictEqual(result.status, 0, `coverage ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** The state a heat-map cell must show: the model's own, which the sidebar shows too (the engine tests pin how it is derived). */
function expectedState(mark: CiaMark): HeatState {
  return mark.state;
}

function useCasesOf(model: CoverageModel): UseCaseNode[] {
  const all = [...flattenBacklog(model.backlog).flatMap((item) => item.useCases), ...model.unplanned];
  return [...new Map(all.map((useCase) => [useCase.id, useCase])).values()].sort((a, b) => a.id.localeCompare(b.id));
}

function rgbOf(hex: string): Rgb {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

function pixelAt(png: PNG, x: number, y: number): Rgb {
  const column = Math.round(x);
  const row = Math.round(y);
  assert.ok(
    column >= 0 && column < png.width && row >= 0 && row < png.height,
    `(${column}, ${row}) is outside the ${png.width}×${png.height} screenshot`,
  );
  const offset = (row * png.width + column) * 4;
  return [png.data[offset], png.data[offset + 1], png.data[offset + 2]];
}

function isColour(actual: Rgb, expected: Rgb): boolean {
  return actual.every((channel, index) => Math.abs(channel - expected[index]) <= CHANNEL_TOLERANCE);
}

function assertColour(actual: Rgb, expectedHex: string, where: string): void {
  assert.ok(isColour(actual, rgbOf(expectedHex)), `${where}: rgb(${actual.join(', ')}), expected ${expectedHex}`);
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox({ timeout: STEP_TIMEOUT_MS });
  assert.ok(box, 'the element is not rendered');
  return box;
}

/**
 * The element's screenshot and a function that places any box on it. The boxes are measured after
 * the screenshot, which scrolls the element into view, so element and box share one scroll position.
 * The screenshot covers the whole pixels the element touches: it starts at the pixel under the element's corner.
 */
async function photograph(
  element: Locator,
): Promise<{ png: PNG; origin: { x: number; y: number }; relative: (box: Box) => Box }> {
  const png = PNG.sync.read(
    await element.screenshot({ animations: 'disabled', caret: 'hide', timeout: STEP_TIMEOUT_MS }),
  );
  const box = await boxOf(element);
  const origin = { x: Math.floor(box.x), y: Math.floor(box.y) };
  const covers = (size: number, start: number, extent: number) =>
    size === Math.ceil(start + extent) - Math.floor(start);
  assert.ok(
    covers(png.width, box.x, box.width) && covers(png.height, box.y, box.height),
    `the screenshot (${png.width}×${png.height}) is the element (${box.width}×${box.height} at ${box.x}, ${box.y})`,
  );
  return { png, origin, relative: (other) => ({ ...other, x: other.x - origin.x, y: other.y - origin.y }) };
}

function colourDistance(a: Rgb, b: Rgb): number {
  return a.reduce((sum, channel, index) => sum + Math.abs(channel - b[index]), 0);
}

describe('abuse-cases coverage --format html', () => {
  let browser: Browser;
  let tmp: string;

  before(async function () {
    this.timeout(60_000);
    tmp = mkdtempSync(path.join(os.tmpdir(), 'coverage-html-'));
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      // No sandbox: the tests may run as root. sRGB: the screenshot holds the CSS colours unchanged.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--force-color-profile=srgb',
      ],
      timeout: 30_000,
    });
  });

  after(async () => {
    await browser?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  /** Writes the page to a file and opens it, recording every request the page makes. */
  async function openReport(html: string, name: string): Promise<{ page: Page; url: string; requests: string[] }> {
    const file = path.join(tmp, `${name}.html`);
    writeFileSync(file, html);
    const url = pathToFileURL(file).href;
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, colorScheme: 'light' });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(url, { waitUntil: 'load', timeout: STEP_TIMEOUT_MS });
    return { page, url, requests };
  }

  describe('the report of the examples', () => {
    let model: CoverageModel;
    let html: string;
    let page: Page;
    let url: string;
    let requests: string[];

    before(async function () {
      this.timeout(30_000);
      model = JSON.parse(runCli('examples', '--format', 'json'));
      html = runCli('examples', '--format', 'html');
      ({ page, url, requests } = await openReport(html, 'examples'));
    });

    after(async () => {
      await page?.context().close();
    });

    it('is self-contained: the page fetches nothing and runs no script', async () => {
      assert.deepStrictEqual([...new Set(requests)], [url]);
      assert.strictEqual(await page.locator('script, link, img, iframe, object, embed').count(), 0);
      // The page's content security policy would block a fetch silently: nothing may even ask for one.
      assert.doesNotMatch(html, /url\(|@import|@font-face/);
    });

    it('shows the summary figures in its header', async () => {
      const header = await page.locator('header').innerText();
      const { coveredDimensions, requiredDimensions, closedAbuseCases, abuseCases, openHighRisks } = model.summary;
      assert.match(header, new RegExp(`${Math.round((100 * coveredDimensions) / requiredDimensions)} %`));
      assert.match(header, new RegExp(`${closedAbuseCases} of ${abuseCases}\\s+abuse cases closed`));
      assert.match(header, new RegExp(`${openHighRisks}\\s+open high risks`));
    });

    it('says whether the quality gate passes, with each check as the gate command prints it', async () => {
      const section = page.locator('#gate');
      assert.strictEqual(await section.getAttribute('data-passed'), 'false');
      assert.match(await section.locator('h2').innerText(), /^Quality gate: failed$/);
      const checks = await section
        .locator('li')
        .evaluateAll((items) => items.map((item) => [item.getAttribute('data-threshold'), item.className]));
      assert.deepStrictEqual(checks, [
        ['no-errors', 'passed'],
        ['max-open-high-risks', 'failed'],
        ['require-mitigated-for-done', 'failed'],
      ]);
      assert.match(
        await section.innerText(),
        /max-open-high-risks \(fail\): 6 open high risks, 6 over the maximum of 0\n.*AB-mfa-support-reset \(UC-mfa\)/,
      );
    });

    it('lists the security baseline: each question with its state as the model says, what answers it, and why', async () => {
      const rows = page.locator('#baseline tbody tr');
      assert.deepStrictEqual(
        await rows.evaluateAll((items) =>
          items.map((row) => [row.getAttribute('data-capability'), row.getAttribute('data-status')]),
        ),
        model.baseline.map((node) => [node.capability, node.status]),
      );
      const gap = page.locator('#baseline tr[data-status="gap"]');
      assert.strictEqual(await gap.count(), 1);
      assert.match(
        await gap.innerText(),
        /Incident readiness[\s\S]*✗ not answered[\s\S]*none[\s\S]*like every product/,
      );
      const backups = page.locator('#baseline tr[data-capability="backups"]');
      assert.match(await backups.innerText(), /✓ answered · verified[\s\S]*nist-800-53:CP-9, verified/);
    });

    it("lists the third parties with their review's standing, and each use case's personal data", async () => {
      assert.deepStrictEqual(
        await page
          .locator('#vendors tbody tr')
          .evaluateAll((items) =>
            items.map((row) => [row.getAttribute('data-vendor'), row.getAttribute('data-review')]),
          ),
        model.vendors.map((vendor) => [vendor.id, vendor.review.status]),
      );
      assert.match(
        await page.locator('#vendors tr[data-vendor="stripe"]').innerText(),
        /Stripe[\s\S]*payment, pii[\s\S]*✓ reviewed[\s\S]*Dana Reyes, security lead[\s\S]*2026-12-20[\s\S]*pci-dss, soc2, dpa/,
      );
      assert.match(await page.locator('#vendors tr[data-vendor="plausible"]').innerText(), /not needed/);
      const privacy = await page
        .locator('#privacy tbody tr')
        .evaluateAll((items) => items.map((row) => row.getAttribute('data-use-case')));
      assert.ok(privacy.includes('UC-subscribe') && privacy.length >= 5, privacy.join());
      assert.match(
        await page.locator('#privacy tr[data-use-case="UC-consent"]').innerText(),
        /pii[\s\S]*consent[\s\S]*13m/,
      );
    });

    it('has a heat-map row per use case with three cells whose states match the model', async () => {
      const useCases = useCasesOf(model);
      assert.strictEqual(useCases.length, 11);
      assert.deepStrictEqual(
        await page
          .locator('#heat-map tbody tr')
          .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-use-case'))),
        useCases.map((u) => u.id),
      );
      assert.strictEqual(
        await page.locator('#heat-map td[data-use-case]').count(),
        useCases.length * DIMENSIONS.length,
      );
      for (const useCase of useCases) {
        for (const dimension of DIMENSIONS) {
          const cell = page.locator(`#heat-map td[data-use-case="${useCase.id}"][data-dimension="${dimension}"]`);
          const state = expectedState(useCase.cia[dimension]);
          assert.strictEqual(await cell.getAttribute('data-state'), state, `${useCase.id} ${dimension}`);
          // The word and the level say what the colour says.
          const text = await cell.innerText();
          assert.ok(
            text.includes(`${STATE_LEGEND[state].mark} ${STATE_LEGEND[state].word}`),
            `${useCase.id} ${dimension}: "${text}"`,
          );
          assert.ok(
            useCase.cia[dimension].level === 'none' || text.includes(useCase.cia[dimension].level),
            `${useCase.id} ${dimension}: "${text}"`,
          );
        }
      }
      // The deliberate gaps of the examples (examples/README.md), and one of each other state.
      const stateOf = (useCase: string, dimension: string) =>
        page
          .locator(`#heat-map td[data-use-case="${useCase}"][data-dimension="${dimension}"]`)
          .getAttribute('data-state');
      assert.strictEqual(await stateOf('UC-subscribe', 'integrity'), 'uncovered');
      assert.strictEqual(await stateOf('UC-share-link', 'availability'), 'uncovered');
      assert.strictEqual(await stateOf('UC-mfa', 'confidentiality'), 'open');
      assert.strictEqual(await stateOf('UC-invoices', 'confidentiality'), 'mitigated');
      assert.strictEqual(await stateOf('UC-sso', 'integrity'), 'verified');
      assert.strictEqual(await stateOf('UC-consent', 'availability'), 'not-required');
      assert.strictEqual(await stateOf('UC-consent', 'confidentiality'), 'verified');
      assert.strictEqual(await stateOf('UC-sso', 'availability'), 'accepted');

      const shareLink = await page.locator('#heat-map tr[data-use-case="UC-share-link"]').innerText();
      assert.match(shareLink, /Share a roadmap through a private link/);
      assert.match(shareLink, /AB-link-forwarded/);
      assert.match(shareLink, /AB-internal-fields-shown/);
      assert.deepStrictEqual(
        await page.locator('.legend').first().locator('li strong').allInnerTexts(),
        COVERAGE_STATES.map((state) => STATE_LEGEND[state].word),
      );
    });

    it('paints each heat-map cell in the colour of its state, a different colour per state', async () => {
      const heatMap = page.locator('#heat-map');
      const shot = await photograph(heatMap);
      const seen = new Map<HeatState, Rgb>();
      const cells = heatMap.locator('td[data-state]');
      const count = await cells.count();
      for (let index = 0; index < count; index++) {
        const cell = cells.nth(index);
        const state = (await cell.getAttribute('data-state')) as HeatState;
        const box = shot.relative(await boxOf(cell));
        // Bottom right: the text is left-aligned at the top, so this corner is plain background.
        const colour = pixelAt(shot.png, box.x + box.width - INSET, box.y + box.height - INSET);
        assertColour(
          colour,
          HEAT_COLOURS[state],
          `${await cell.getAttribute('data-use-case')} ${await cell.getAttribute('data-dimension')} (${state})`,
        );
        seen.set(state, colour);
      }
      // The examples have every state; the sidebar's six are the heat map's six.
      assert.deepStrictEqual([...seen.keys()].sort(), [...HEAT_STATES].sort());
      const colours = [...seen.values()];
      for (const [i, a] of colours.entries()) {
        for (const b of colours.slice(i + 1))
          assert.ok(
            colourDistance(a, b) > 60,
            `rgb(${a.join(', ')}) and rgb(${b.join(', ')}) are too close to tell apart`,
          );
      }
    });

    it('draws a bar per sprint in order, as tall as its share, coloured against the target line', async () => {
      const target = model.securityCapacityTarget;
      const measured = model.sprints.filter((sprint) => sprint.share !== undefined);
      assert.ok(measured.length >= 2, 'the examples have sprints with points');
      const bars = page.locator('#capacity rect[data-sprint]');
      assert.deepStrictEqual(
        await bars.evaluateAll((rects) => rects.map((rect) => rect.getAttribute('data-sprint'))),
        measured.map((sprint) => sprint.sprint),
      );
      const chartText = await page.locator('#capacity').textContent();
      for (const sprint of measured)
        assert.ok(
          chartText?.includes(`${sprint.securityPoints} of ${sprint.totalPoints} points`),
          `${sprint.sprint}'s points`,
        );

      const chart = await checkChart(page, target);
      assert.strictEqual(chart.length, measured.length);
      for (const [index, bar] of chart.entries()) assert.strictEqual(bar.share, measured[index].share);
    });

    it(`shows the summary, the heat map and the chart above the backlog table: the picture in ${path.relative(ROOT, DOCS_SCREENSHOT)}`, async () => {
      // Both boxes are relative to the viewport; the body starts at the top of the document.
      const body = await boxOf(page.locator('body'));
      const backlogHeading = (await boxOf(page.locator('#backlog-heading'))).y - body.y;
      const chart = await boxOf(page.locator('#capacity svg'));
      assert.ok(chart.y + chart.height - body.y < backlogHeading, 'the chart ends before the backlog table');
      const clip = { x: 0, y: 0, width: VIEWPORT.width, height: Math.floor(backlogHeading - 12) };
      const picture = await page.screenshot({ fullPage: true, clip, animations: 'disabled', caret: 'hide' });
      const { width, height } = PNG.sync.read(picture);
      assert.deepStrictEqual({ width, height }, { width: clip.width, height: clip.height });
      // UPDATE_SCREENSHOTS=1 npm test refreshes the docs' picture; the backlog table below would triple its size.
      if (UPDATE_SCREENSHOTS) {
        mkdirSync(path.dirname(DOCS_SCREENSHOT), { recursive: true });
        writeFileSync(DOCS_SCREENSHOT, picture);
      }
    });
  });

  describe('a workspace of two measured sprints and one without points', () => {
    let page: Page;

    before(async function () {
      this.timeout(30_000);
      const folder = path.join(tmp, 'tiny');
      mkdirSync(folder);
      writeFileSync(path.join(folder, 'tiny.usecase.yaml'), TINY_WORKSPACE);
      ({ page } = await openReport(runCli(folder, '--format', 'html'), 'tiny'));
    });

    after(async () => {
      await page?.context().close();
    });

    it('draws the 50 % sprint above the target in green and the 0 % sprint below it in red', async () => {
      const chart = await checkChart(page, 0.2);
      assert.deepStrictEqual(
        chart.map(({ sprint, share, colour }) => ({ sprint, share, colour })),
        [
          { sprint: 'Sprint 1', share: 0.5, colour: BAR_COLOURS.atOrAboveTarget },
          { sprint: 'Sprint 2', share: 0, colour: BAR_COLOURS.belowTarget },
        ],
      );
      const [above, below] = chart;
      assert.ok(above.top < above.targetY, 'the 50 % bar reaches past the target line');
      assert.ok(below.top > below.targetY, 'the 0 % bar stays under the target line');
    });

    it('lists the sprint without points as "no points", without a bar', async () => {
      assert.strictEqual(await page.locator('#capacity rect[data-sprint="Sprint 3"]').count(), 0);
      assert.strictEqual(
        (await page.locator('#capacity [data-no-points="Sprint 3"]').textContent())?.trim(),
        'no points',
      );
    });

    it('shows user text as text, never as markup', async () => {
      assert.match(
        await page.locator('#heat-map tr[data-use-case="UC-tiny"]').innerText(),
        /Use the <b>tiny<\/b> feature & more/,
      );
      assert.match(await page.locator('#backlog').innerText(), /Build <script>it<\/script>/);
      assert.strictEqual(await page.locator('b, script').count(), 0);
    });
  });

  it('says so instead of drawing a chart when no backlog item has a sprint', () => {
    const folder = path.join(tmp, 'no-sprints');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'unplanned.usecase.yaml'), TINY_WORKSPACE.replace(/^ {4}sprint: .*\n/gm, ''));
    const html = runCli(folder, '--format', 'html');
    assert.match(html, /No backlog item has a sprint/);
    assert.ok(!html.includes('<svg'));
  });
});

interface MeasuredBar {
  sprint: string;
  share: number;
  /** The bar colour found in the screenshot, as one of BAR_COLOURS. */
  colour: string;
  /** The bar's top and the target line's centre, in page pixels. */
  top: number;
  targetY: number;
}

/**
 * Checks the capacity chart on its screenshot: every bar stands on the plot's baseline, is as tall as its
 * share of the plot (a taller share, a taller bar), and is painted green at or above the target and red below it;
 * the dashed target line sits at the target's height. Returns the bars, left to right.
 */
async function checkChart(page: Page, target: number): Promise<MeasuredBar[]> {
  const svg = page.locator('#capacity svg');
  const shot = await photograph(svg);
  const plot = await boxOf(svg.locator('[data-plot-area]'));
  const plotBottom = plot.y + plot.height;
  const line = svg.locator('line[data-target]');
  assert.strictEqual(Number(await line.getAttribute('data-target')), target);
  const lineBox = await boxOf(line);
  const targetY = lineBox.y + lineBox.height / 2;
  assert.ok(
    Math.abs(targetY - (plotBottom - target * plot.height)) <= 1.5,
    `target line at ${targetY}, expected ${plotBottom - target * plot.height}`,
  );

  // Along the target's row the dashes cover about 60 % of the plot; a few pixels above, nothing is that dark.
  const darkShare = (y: number) => {
    let dark = 0;
    for (let x = Math.ceil(plot.x); x < plot.x + plot.width; x++)
      if (pixelAt(shot.png, x - shot.origin.x, y - shot.origin.y).every((channel) => channel < 80)) dark++;
    return dark / plot.width;
  };
  const onLine = darkShare(targetY);
  assert.ok(onLine > 0.4 && onLine < 0.8, `${Math.round(onLine * 100)} % of the target's row is dashed`);
  assert.ok(darkShare(targetY - 5) < 0.15, 'the dashed row is the target line, not a band');

  const bars = svg.locator('rect[data-sprint]');
  const measured: MeasuredBar[] = [];
  const count = await bars.count();
  for (let index = 0; index < count; index++) {
    const bar = bars.nth(index);
    const sprint = (await bar.getAttribute('data-sprint'))!;
    const share = Number(await bar.getAttribute('data-share'));
    const box = await boxOf(bar);
    assert.ok(Math.abs(box.y + box.height - plotBottom) <= 1, `${sprint} stands on the baseline`);
    // A 0 % bar keeps a sliver of a few pixels so the reader sees it was measured.
    assert.ok(
      Math.abs(box.height - share * plot.height) <= 1.5 || (share === 0 && box.height > 0 && box.height <= 5),
      `${sprint}: ${box.height} px for ${share}`,
    );

    const colour = share >= target ? BAR_COLOURS.atOrAboveTarget : BAR_COLOURS.belowTarget;
    const onShot = shot.relative(box);
    // Inside the bar, as far from the target line (drawn over the bars) as the bar allows.
    const sampleY = [0.25, 0.5, 0.75]
      .map((f) => onShot.y + onShot.height * f)
      .sort((a, b) => Math.abs(b - (targetY - shot.origin.y)) - Math.abs(a - (targetY - shot.origin.y)))[0];
    assertColour(pixelAt(shot.png, onShot.x + onShot.width / 2, sampleY), colour, `${sprint} (${share})`);
    assert.ok(
      !isColour(pixelAt(shot.png, onShot.x + onShot.width / 2, onShot.y - 3), rgbOf(colour)),
      `${sprint} ends where its box ends`,
    );
    assert.ok(!isColour(pixelAt(shot.png, onShot.x - 3, sampleY), rgbOf(colour)), `${sprint} is no wider than its box`);
    measured.push({ sprint, share, colour, top: box.y, targetY });
  }
  for (const a of measured) {
    for (const b of measured) {
      if (a.share > b.share)
        assert.ok(a.top < b.top, `${a.sprint} (${a.share}) is taller than ${b.sprint} (${b.share})`);
    }
  }
  return measured;
}

/** Sprint 1: 5 of 10 points are security work; Sprint 2: none of 3; Sprint 3: no points at all. */
const TINY_WORKSPACE = `product: Tiny

backlog:
  - id: T-1
    title: Build <script>it</script>
    sprint: Sprint 1
    points: 5
  - id: T-2
    title: Rate-limit the feature
    sprint: Sprint 1
    points: 5
    security: true
  - id: T-3
    title: Polish the feature
    sprint: Sprint 2
    points: 3
  - id: T-4
    title: Look into exports
    sprint: Sprint 3

use_cases:
  - id: UC-tiny
    title: Use the <b>tiny</b> feature & more
    actor: Member
    backlog: [T-1]
    data: [pii]
    abuse_cases:
      - id: AB-tiny-leak
        title: Somebody reads another member's data
        actor: Curious member
        intent: malicious
        threatens: [confidentiality]
        likelihood: possible
        impact: major
`;
