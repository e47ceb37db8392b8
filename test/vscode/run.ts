/**
 * Runs a test suite inside a real VS Code: code-server's VS Code server (the same workbench as
 * the desktop app, served to a browser) with this repository as the extension under development,
 * driven by a headless Chromium through playwright-core.
 *
 *   node out/test/vscode/run.js                 the suite in out/test/vscode/suite/
 *   node out/test/vscode/run.js --screenshots   the scenes in out/test/vscode/screenshots/, saved to docs/images/
 *   VSCODE_TEST_SUITE=out/test/vscode/other node out/test/vscode/run.js    another compiled suite folder
 *
 * The suite's `index.js` runs in the extension host; VS Code hands its result to the page's
 * `codeAutomationExit`, and this script exits with it. Build first: `npx tsc -p . && npm run build`.
 */
import { ChildProcess, spawn } from 'child_process';
import { promises as fs, watch as watchFolder } from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Browser, chromium, ConsoleMessage, Page } from 'playwright-core';

const REPO = path.resolve(__dirname, '../../..');
const VSCODE_SERVER = path.join(REPO, 'node_modules/code-server/lib/vscode/out/server-main.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OVERALL_TIMEOUT_MS = Number(process.env.VSCODE_TEST_TIMEOUT_MS ?? 180_000);
const SERVER_START_TIMEOUT_MS = 30_000;
const SCENE_TIMEOUT_MS = 15_000;
const VIEWPORT = { width: 1280, height: 800 };

/** What the page's workbench needs no dialog, tour or network for. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'update.mode': 'none',
};

interface Options {
  /** The compiled suite folder whose index.js runs in the extension host. */
  suiteFolder: string;
  /** In screenshot mode, where the scenes are saved (one `<scene>.png` each). */
  screenshotsFolder?: string;
}

/** Everything started for one run, stopped in reverse order by `cleanUp`. */
interface Run {
  tmp: string;
  server?: ChildProcess;
  serverLog: string[];
  browser?: Browser;
}

function parseOptions(argv: string[]): Options {
  const screenshots = argv.includes('--screenshots');
  const defaultSuite = path.join(__dirname, screenshots ? 'screenshots' : 'suite');
  const suiteFolder = path.resolve(process.env.VSCODE_TEST_SUITE ?? defaultSuite);
  return { suiteFolder, screenshotsFolder: screenshots ? path.join(REPO, 'docs/images') : undefined };
}

function log(message: string): void {
  console.log(`[run] ${message}`);
}

async function copyExamplesToWorkspace(tmp: string): Promise<string> {
  const workspace = path.join(tmp, 'workspace');
  await fs.cp(path.join(REPO, 'examples'), workspace, { recursive: true });
  return workspace;
}

/** The user data folder with the settings above; code-server's workbench reads `<user-data-dir>/User/settings.json`. */
async function createUserDataFolder(tmp: string): Promise<string> {
  const userData = path.join(tmp, 'user-data');
  await fs.mkdir(path.join(userData, 'User'), { recursive: true });
  await fs.writeFile(path.join(userData, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2));
  return userData;
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function startVsCodeServer(run: Run, port: number, userData: string, extraEnv: NodeJS.ProcessEnv): ChildProcess {
  const args = [
    VSCODE_SERVER,
    '--host', '127.0.0.1',
    '--port', String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    '--telemetry-level', 'off',
    '--user-data-dir', userData,
    '--server-data-dir', path.join(run.tmp, 'server-data'),
    '--extensions-dir', path.join(run.tmp, 'extensions'),
  ];
  const server = spawn(process.execPath, args, { cwd: REPO, env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  const record = (chunk: Buffer) => run.serverLog.push(String(chunk));
  server.stdout!.on('data', record);
  server.stderr!.on('data', record);
  return server;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Polls the port until the server accepts connections; fails early if the server exits. */
async function waitUntilListening(server: ChildProcess, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the VS Code server exited with code ${server.exitCode}`);
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the VS Code server did not listen on port ${port} within ${timeoutMs} ms`);
}

async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The workbench URL that opens `workspace` with this repository under development and `testsIndex` as the test runner. */
function workbenchUrl(port: number, workspace: string, testsIndex: string): string {
  const remote = `vscode-remote://127.0.0.1:${port}`;
  const payload = [
    ['extensionDevelopmentPath', `${remote}${REPO}`],
    ['extensionTestsPath', `${remote}${testsIndex}`],
  ];
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Mocha's output and the extension host's logs reach the page's console; workbench noise does not interest us. */
function printConsoleMessage(message: ConsoleMessage): void {
  const text = message.text();
  const fromExtensionHost = /^%c\[Extension Host\] %c/.exec(text);
  if (fromExtensionHost) {
    console.log(text.slice(fromExtensionHost[0].length).replace(/ %c\(at .*\)$/s, ''));
  } else if (process.env.VSCODE_TEST_VERBOSE) {
    console.log(`[page ${message.type()}] ${text}`);
  }
}

/** Opens the workbench and resolves with the code the test runner passes to `codeAutomationExit`. */
async function runSuiteInPage(page: Page, url: string): Promise<number> {
  const exitCode = new Promise<number>((resolve) => {
    void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
  });
  page.on('console', printConsoleMessage);
  page.on('pageerror', (error) => console.log(`[page error] ${error.message}`));
  await page.goto(url);
  return exitCode;
}

/**
 * Screenshot mode: the extension host writes `<scene>.ready` (JSON: the selector that shows the
 * scene is on screen) into the scenes folder when a scene is set up; the launcher waits for the
 * selector, saves `<scene>.png` and answers with `<scene>.taken`.
 */
function photographScenes(page: Page, scenesFolder: string, imagesFolder: string): () => void {
  const seen = new Set<string>();
  const takeScreenshot = async (scene: string) => {
    const request = JSON.parse(await fs.readFile(path.join(scenesFolder, `${scene}.ready`), 'utf8')) as { selector?: string };
    if (request.selector) await page.waitForSelector(request.selector, { state: 'visible', timeout: SCENE_TIMEOUT_MS });
    const file = path.join(imagesFolder, `${scene}.png`);
    await page.screenshot({ path: file });
    log(`saved ${path.relative(REPO, file)}`);
    await fs.writeFile(path.join(scenesFolder, `${scene}.taken`), '');
  };
  const watcher = watchFolder(scenesFolder, (_event, name) => {
    const scene = name?.toString().match(/^(.*)\.ready$/)?.[1];
    if (!scene || seen.has(scene)) return;
    seen.add(scene);
    takeScreenshot(scene).catch(async (error: Error) => {
      log(`scene ${scene} failed: ${error.message}`);
      await fs.writeFile(path.join(scenesFolder, `${scene}.taken`), `failed: ${error.message}`);
    });
  });
  return () => watcher.close();
}

async function cleanUp(run: Run): Promise<void> {
  await run.browser?.close().catch(() => undefined);
  if (run.server && run.server.exitCode === null) {
    const exited = new Promise((resolve) => run.server!.once('exit', resolve));
    run.server.kill('SIGTERM');
    const stillRunning = setTimeout(() => run.server?.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(stillRunning);
  }
  await fs.rm(run.tmp, { recursive: true, force: true }).catch(() => undefined);
}

function failAfter(ms: number, what: string): Promise<never> {
  return new Promise((_resolve, reject) => setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms).unref());
}

async function runInVsCode(run: Run, options: Options): Promise<number> {
  const testsIndex = path.join(options.suiteFolder, 'index.js');
  await fs.access(testsIndex).catch(() => {
    throw new Error(`${testsIndex} does not exist: run \`npx tsc -p . && npm run build\` first`);
  });
  const workspace = await copyExamplesToWorkspace(run.tmp);
  const userData = await createUserDataFolder(run.tmp);
  const scenesFolder = path.join(run.tmp, 'scenes');
  await fs.mkdir(scenesFolder);

  const port = await findFreePort();
  run.server = startVsCodeServer(run, port, userData, options.screenshotsFolder ? { ABUSE_CASES_SCENES: scenesFolder } : {});
  await waitUntilListening(run.server, port, SERVER_START_TIMEOUT_MS);

  run.browser = await launchBrowser();
  const page = await (await run.browser.newContext({ viewport: VIEWPORT })).newPage();
  let stopPhotographing = () => undefined as void;
  if (options.screenshotsFolder) {
    await fs.mkdir(options.screenshotsFolder, { recursive: true });
    stopPhotographing = photographScenes(page, scenesFolder, options.screenshotsFolder);
  }
  log(`VS Code on port ${port}, workspace ${workspace}, tests ${path.relative(REPO, testsIndex)}`);
  try {
    return await runSuiteInPage(page, workbenchUrl(port, workspace, testsIndex));
  } finally {
    stopPhotographing();
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  const options = parseOptions(process.argv.slice(2));
  const run: Run = { tmp: await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-vscode-')), serverLog: [] };
  let code: number;
  try {
    code = await Promise.race([runInVsCode(run, options), failAfter(OVERALL_TIMEOUT_MS, 'the VS Code test run')]);
  } catch (error) {
    console.error(`[run] ${(error as Error).message}`);
    code = 1;
  }
  if (code !== 0) {
    console.error(`[run] the VS Code server's log:\n${run.serverLog.join('')}`);
  }
  await cleanUp(run);
  log(`exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(code);
}

void main();
