/**
 * Runs a test suite inside a real VS Code: code-server's VS Code server (the workbench of the
 * desktop app, served to a browser, with a Node extension host) with this repository as the
 * extension under development, shown in a headless Chromium driven by playwright-core.
 *
 *   node out/test/vscode/run.js                  the suite of out/test/vscode/suite/
 *   node out/test/vscode/run.js --screenshots    the scenes of out/test/vscode/screenshots/, saved to docs/images/
 *   node out/test/vscode/run.js --vsix <file>    the suite of out/test/vscode/installed/, on the installed package
 *   node out/test/vscode/run.js --restricted     the suite of out/test/vscode/restricted/, in an untrusted workspace
 *   VSCODE_TEST_SUITE=out/test/vscode/other node out/test/vscode/run.js     another compiled suite folder
 *
 * Other variables: VSCODE_TEST_TIMEOUT_MS (the whole run, default 180000), VSCODE_TEST_VERBOSE=1
 * (print the workbench's console too), CHROMIUM_PATH (default /usr/bin/chromium).
 *
 * The suite folder's `index.js` runs in the extension host on a copy of examples/; VS Code hands its
 * result to the page's `codeAutomationExit`, and this script exits with it. Build first:
 * `npx tsc -p . && npm run build`. Machine prerequisites: test/vscode/setup.sh.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import { promises as fs, watch as watchFolder } from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Browser, chromium, ConsoleMessage, Page } from 'playwright-core';
import { CONSOLE_MARKER, handOver, SCENES_FOLDER_ENV, SceneReady, sceneFiles } from './shared';

const REPO = path.resolve(__dirname, '../../..');
/** Installed by test/vscode/setup.sh into test/vscode/node_modules, apart from the project's own dependencies. */
const VSCODE_SERVER = path.join(REPO, 'test/vscode/node_modules/code-server/lib/vscode/out/server-main.js');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OVERALL_TIMEOUT_MS = Number(process.env.VSCODE_TEST_TIMEOUT_MS ?? 180_000);
const SERVER_START_TIMEOUT_MS = 30_000;
const SCENE_STEP_TIMEOUT_MS = 15_000;
const VIEWPORT = { width: 1280, height: 800 };

/**
 * No welcome page, trust dialog, update check or telemetry; and no auto save, which VS Code turns on
 * by default in a browser: a second after an edit it would write the test's text into the workspace.
 */
const USER_SETTINGS = {
  'files.autoSave': 'off',
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
  /** Screenshot mode: where the scenes are saved, one `<scene>.png` each. */
  imagesFolder?: string;
  /** Package mode: this .vsix is installed with `--install-extension` and tested instead of the repository. */
  vsix?: string;
  /** Restricted Mode: workspace trust on, the workspace not trusted, and a team catalog outside it. */
  restricted?: boolean;
}

/** What one run started, for `stopEverything`. */
interface Run {
  tmp: string;
  server?: ChildProcess;
  browser?: Browser;
  serverLog: string[];
  /** The workbench's own console (the suite's output is printed as it comes). */
  pageLog: string[];
  /** Set once this script stops everything, when the server's exit is expected. */
  stopping?: boolean;
}

function parseOptions(argv: string[]): Options {
  const screenshots = argv.includes('--screenshots');
  const vsixAt = argv.indexOf('--vsix');
  const vsix = vsixAt >= 0 ? path.resolve(argv[vsixAt + 1] ?? '') : undefined;
  const restricted = argv.includes('--restricted');
  const defaultSuite = screenshots ? 'screenshots' : vsix ? 'installed' : restricted ? 'restricted' : 'suite';
  const suiteFolder = path.resolve(process.env.VSCODE_TEST_SUITE ?? path.join(__dirname, defaultSuite));
  return { suiteFolder, imagesFolder: screenshots ? path.join(REPO, 'docs/images') : undefined, vsix, restricted };
}

/**
 * Installs the packaged extension as a user would (`code --install-extension`), into the
 * run's extensions folder, and returns an empty extension to stand as the development
 * extension: VS Code runs tests only for one, and the installed copy must be the one tested.
 */
async function installVsix(run: Run, userData: string, vsix: string): Promise<string> {
  const installed = spawnSync(
    process.execPath,
    [
      VSCODE_SERVER,
      '--install-extension',
      vsix,
      '--user-data-dir',
      userData,
      '--server-data-dir',
      path.join(run.tmp, 'server-data'),
      '--extensions-dir',
      path.join(run.tmp, 'extensions'),
    ],
    { cwd: REPO, encoding: 'utf8', timeout: 60_000 },
  );
  log(`installed ${path.relative(REPO, vsix)}: ${(installed.stdout + installed.stderr).trim().split('\n').pop()}`);
  if (installed.status !== 0)
    throw new Error(`--install-extension failed (${installed.status}): ${installed.stdout}${installed.stderr}`);
  const standIn = path.join(run.tmp, 'stand-in-extension');
  await fs.mkdir(standIn);
  await fs.writeFile(
    path.join(standIn, 'package.json'),
    JSON.stringify({
      name: 'test-stand-in',
      publisher: 'abuse-cases-tests',
      version: '0.0.0',
      engines: { vscode: '*' },
    }),
  );
  return standIn;
}

function log(message: string): void {
  console.log(`[run] ${message}`);
}

async function copyExamplesToWorkspace(tmp: string): Promise<string> {
  const workspace = path.join(tmp, 'workspace');
  await fs.cp(path.join(REPO, 'examples'), workspace, { recursive: true });
  return workspace;
}

/** In Restricted Mode: trust on, never asked, so the workspace opens untrusted. */
const RESTRICTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.emptyWindow': false,
};

/** The server's user data folder, with the settings above in `User/settings.json`, where its workbench reads them. */
async function createUserDataFolder(tmp: string, restricted = false): Promise<string> {
  const userData = path.join(tmp, 'user-data');
  await fs.mkdir(path.join(userData, 'User'), { recursive: true });
  const settings = restricted ? { ...USER_SETTINGS, ...RESTRICTED_SETTINGS } : USER_SETTINGS;
  await fs.writeFile(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  return userData;
}

/** A team catalog beside the workspace, named by its configuration, and a use case that follows one of its templates. */
async function addCatalogOutside(tmp: string, workspace: string): Promise<void> {
  await fs.mkdir(path.join(tmp, 'team'));
  await fs.writeFile(
    path.join(tmp, 'team', 'outside.abusecatalog.yaml'),
    'templates:\n  - id: outside-threat\n    title: A threat only the team catalog knows\n    threatens: [integrity]\n',
  );
  await fs.writeFile(path.join(workspace, 'abuse-cases.config.yaml'), 'catalogs: [../team/*.abusecatalog.yaml]\n');
  await fs.writeFile(
    path.join(workspace, 'outside-template.usecase.yaml'),
    [
      'use_cases:',
      '  - id: UC-outside',
      '    title: Follow a team template',
      '    actor: Member',
      '    abuse_cases:',
      '      - id: AB-outside',
      '        title: A threat only the team catalog knows',
      '        threatens: [integrity]',
      '        template: outside-threat',
      '        likelihood: rare',
      '        impact: minor',
      '        accepted: { by: CISO, reason: Test, until: 2099-01-01 }',
      '',
    ].join('\n'),
  );
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

/**
 * Starts the VS Code server in a process group of its own, so that stopping the group also stops
 * what it starts: the extension host, the file watcher and the language server.
 */
function startVsCodeServer(run: Run, port: number, userData: string, extraEnv: NodeJS.ProcessEnv): ChildProcess {
  const args = [
    VSCODE_SERVER,
    ...['--host', '127.0.0.1', '--port', String(port)],
    '--without-connection-token',
    '--accept-server-license-terms',
    '--enable-smoke-test-driver',
    ...['--telemetry-level', 'off'],
    ...['--user-data-dir', userData],
    ...['--server-data-dir', path.join(run.tmp, 'server-data')],
    ...['--extensions-dir', path.join(run.tmp, 'extensions')],
  ];
  const server = spawn(process.execPath, args, {
    cwd: REPO,
    env: { ...process.env, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
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

/** Polls the port until the server accepts connections; fails at once if the server exits. */
async function waitUntilListening(server: ChildProcess, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the VS Code server exited with code ${server.exitCode}`);
    if (await canConnect(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the VS Code server did not listen on port ${port} within ${timeoutMs / 1000} s`);
}

/** Rejects when the server exits before the run is over. */
function unexpectedExitOf(run: Run, server: ChildProcess): Promise<never> {
  return new Promise((_resolve, reject) => {
    server.once('exit', (code, signal) => {
      if (!run.stopping) reject(new Error(`the VS Code server exited during the run (code ${code}, signal ${signal})`));
    });
  });
}

function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    // Signals are handled by this script, which closes the browser itself.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
}

/** The workbench URL that opens `workspace` with this repository under development and `testsIndex` as the test runner. */
function workbenchUrl(port: number, workspace: string, testsIndex: string, developmentPath = REPO): string {
  const remote = `vscode-remote://127.0.0.1:${port}`;
  const payload = [
    ['extensionDevelopmentPath', `${remote}${developmentPath}`],
    ['extensionTestsPath', `${remote}${testsIndex}`],
  ];
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Prints mocha's output (the lines the suite's runner marked) as it comes; keeps the workbench's
 * own console for the failure report, or prints it too with VSCODE_TEST_VERBOSE.
 */
function consolePrinter(pageLog: string[]): (message: ConsoleMessage) => void {
  return (message) => {
    const text = message.text();
    const marker = text.indexOf(CONSOLE_MARKER);
    if (marker >= 0) {
      console.log(text.slice(marker + CONSOLE_MARKER.length));
      return;
    }
    const line = `[page ${message.type()}] ${text.replace(/%c|color: #\w+ ?/g, '').trim()}`;
    pageLog.push(line);
    if (process.env.VSCODE_TEST_VERBOSE) console.log(line);
  };
}

/** Opens the workbench and resolves with the code VS Code's test runner passes to `codeAutomationExit`. */
async function runSuiteInPage(run: Run, page: Page, url: string): Promise<number> {
  let exit: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => (exit = resolve));
  await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
  page.on('console', consolePrinter(run.pageLog));
  page.on('pageerror', (error) => run.pageLog.push(`[page exception] ${error.stack ?? error.message}`));
  const crashed = new Promise<never>((_resolve, reject) =>
    page.once('crash', () => reject(new Error('the page crashed'))),
  );
  await page.goto(url);
  return Promise.race([exitCode, crashed]);
}

/** Plays a scene's steps in the page; saves its screenshot when there is an image to save. */
async function play(page: Page, ready: SceneReady, image: string | undefined): Promise<void> {
  for (const step of ready.steps) {
    if ('waitFor' in step)
      await page.waitForSelector(step.waitFor, { state: 'visible', timeout: SCENE_STEP_TIMEOUT_MS });
    else if ('press' in step) await page.keyboard.press(step.press);
    else if ('type' in step) await page.keyboard.type(step.type);
    else if ('click' in step)
      await page.locator(step.click).first()[step.double ? 'dblclick' : 'click']({ timeout: SCENE_STEP_TIMEOUT_MS });
    // force: decorations such as squiggles lie under the text layer, which would "intercept" the pointer.
    else await page.locator(step.hover).first().hover({ force: true, timeout: SCENE_STEP_TIMEOUT_MS });
  }
  if (image) await page.screenshot({ path: image, animations: 'disabled' });
}

/**
 * The extension host hands over `<scene>.ready` (a SceneReady) when it wants steps played in the
 * page: a scene it has set up (screenshot mode saves `<scene>.png` into the images folder), or the
 * keys a test types. The launcher answers with `<scene>.taken` (empty, or what went wrong).
 * Returns the function that stops watching.
 */
function playHandedOverSteps(page: Page, scenesFolder: string, imagesFolder: string | undefined): () => void {
  const started = new Set<string>();
  const takeScene = async (scene: string): Promise<void> => {
    const ready = JSON.parse(await fs.readFile(path.join(scenesFolder, sceneFiles(scene).ready), 'utf8')) as SceneReady;
    const image = imagesFolder && ready.screenshot !== false ? path.join(imagesFolder, `${scene}.png`) : undefined;
    await play(page, ready, image);
    if (image) log(`saved ${path.relative(REPO, image)}`);
  };
  const watcher = watchFolder(scenesFolder, (_event, name) => {
    const scene = name?.toString().match(/^([\w-]+)\.ready$/)?.[1];
    if (!scene || started.has(scene)) return;
    started.add(scene);
    takeScene(scene).then(
      () => handOver(scenesFolder, sceneFiles(scene).taken, ''),
      (error: Error) =>
        handOver(scenesFolder, sceneFiles(scene).taken, `the launcher could not play ${scene}: ${error.message}`),
    );
  });
  return () => watcher.close();
}

function killServerGroup(server: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-server.pid!, signal);
  } catch {
    // already gone
  }
}

/** Closes the browser, stops the server's process group (SIGKILL after 3 s) and removes the temporary folder. */
async function stopEverything(run: Run): Promise<void> {
  run.stopping = true;
  await run.browser?.close().catch(() => undefined);
  const server = run.server;
  if (server?.pid !== undefined && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    killServerGroup(server, 'SIGTERM');
    const stubborn = setTimeout(() => killServerGroup(server, 'SIGKILL'), 3000);
    await exited;
    clearTimeout(stubborn);
  }
  if (server) killServerGroup(server, 'SIGKILL'); // what the server started and left behind
  await fs.rm(run.tmp, { recursive: true, force: true }).catch(() => undefined);
}

function failAfter(ms: number, what: string): Promise<never> {
  return new Promise((_resolve, reject) =>
    setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms).unref(),
  );
}

async function runInVsCode(run: Run, options: Options): Promise<number> {
  const testsIndex = path.join(options.suiteFolder, 'index.js');
  await fs.access(testsIndex).catch(() => {
    throw new Error(`${testsIndex} does not exist: run \`npx tsc -p . && npm run build\` first`);
  });
  const workspace = await copyExamplesToWorkspace(run.tmp);
  if (options.restricted) await addCatalogOutside(run.tmp, workspace);
  const userData = await createUserDataFolder(run.tmp, options.restricted);
  const scenesFolder = path.join(run.tmp, 'scenes');
  await fs.mkdir(scenesFolder);

  const developmentPath = options.vsix ? await installVsix(run, userData, options.vsix) : REPO;
  const port = await findFreePort();
  const server = startVsCodeServer(run, port, userData, { [SCENES_FOLDER_ENV]: scenesFolder });
  run.server = server;
  const unexpectedExit = unexpectedExitOf(run, server);
  unexpectedExit.catch(() => undefined); // raced below; not unhandled if the server exits while starting
  await waitUntilListening(server, port, SERVER_START_TIMEOUT_MS);

  run.browser = await launchBrowser();
  const page = await (await run.browser.newContext({ viewport: VIEWPORT })).newPage();
  if (options.imagesFolder) await fs.mkdir(options.imagesFolder, { recursive: true });
  const stopPlaying = playHandedOverSteps(page, scenesFolder, options.imagesFolder);
  log(`VS Code on port ${port}, workspace ${workspace}, tests ${path.relative(REPO, testsIndex)}`);
  try {
    return await Promise.race([
      runSuiteInPage(run, page, workbenchUrl(port, workspace, testsIndex, developmentPath)),
      unexpectedExit,
    ]);
  } finally {
    stopPlaying();
  }
}

function printLogs(run: Run): void {
  console.error(`[run] the workbench's console:\n${run.pageLog.join('\n')}`);
  console.error(`[run] the VS Code server's log:\n${run.serverLog.join('')}`);
}

/** Stops everything on Ctrl+C, `kill` or a crash of this script, and as a last resort when it exits. */
function stopEverythingOnInterruption(run: Run): void {
  const interrupt = (code: number, reason: string) => {
    console.error(`[run] ${reason}: stopping VS Code`);
    void stopEverything(run).finally(() => process.exit(code));
  };
  process.once('SIGINT', () => interrupt(130, 'interrupted'));
  process.once('SIGTERM', () => interrupt(143, 'terminated'));
  process.once('uncaughtException', (error) => interrupt(1, `crashed: ${error.stack ?? error.message}`));
  process.once('exit', () => run.server && killServerGroup(run.server, 'SIGKILL'));
  // A closed pipe (`| head`) must not crash the run before it cleans up.
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
}

async function main(): Promise<void> {
  const started = Date.now();
  const options = parseOptions(process.argv.slice(2));
  const run: Run = { tmp: await fs.mkdtemp(path.join(os.tmpdir(), 'abuse-cases-vscode-')), serverLog: [], pageLog: [] };
  stopEverythingOnInterruption(run);
  let code: number;
  try {
    code = await Promise.race([runInVsCode(run, options), failAfter(OVERALL_TIMEOUT_MS, 'the VS Code test run')]);
  } catch (error) {
    console.error(`[run] ${(error as Error).message}`);
    code = 1;
  }
  if (code !== 0) printLogs(run);
  await stopEverything(run);
  log(`exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(code);
}

void main();
