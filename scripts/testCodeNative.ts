/**
 * `npm run test:code-native`: the component as an npm package, used by a code-native integration.
 *
 * 1. Builds the bundle and its declarations, then packs the package with `npm pack`.
 * 2. Installs the tarball into examples/code-native/node_modules/xai-grok by unpacking it, as npm
 *    does for a `file:` tarball; no registry is needed. Spectral and TypeScript resolve from this
 *    repository's node_modules.
 * 3. Typechecks the example against the package's declarations (so `actions.<key>` inputs are typed).
 * 4. Runs the example's flow with Spectral's `invokeFlow` against the local xAI server.
 * Prints "N passed, N failed" and exits non-zero on any failure.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { invokeFlow } from "@prismatic-io/spectral/dist/testing";
import { type RecordedRequest, startXaiServer } from "../test/server/xaiServer";

const root = join(__dirname, "..");
const example = join(root, "examples", "code-native");
const packDir = join(example, ".pack");
const tarball = join(packDir, "xai-grok.tgz");
const installed = join(example, "node_modules", "xai-grok");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

/**
 * Loads a module of the example by path. Not a static import: the example imports "xai-grok",
 * which exists only once unpacked, and the repository's `tsc` must not follow it before that.
 */
/** A flow as Spectral's `invokeFlow` takes it. */
type AnyFlow = Parameters<typeof invokeFlow>[0];

const loadExample = <T>(file: string): Promise<T> => import(join(example, "src", file));

let passed = 0;
let failed = 0;

async function check(name: string, run: () => void | Promise<void>): Promise<boolean> {
  const started = performance.now();
  try {
    await run();
    passed++;
    console.log(`✔ ${name} (${Math.round(performance.now() - started)} ms)`);
    return true;
  } catch (error) {
    failed++;
    console.log(`✘ ${name}\n  ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** Runs a command; on failure its output becomes the error message. */
function run(command: string, args: string[], cwd = root): string {
  try {
    return execFileSync(command, args, { cwd, encoding: "utf8", stdio: "pipe" });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(" ")} failed:\n${stdout}${stderr}`.trim());
  }
}

interface PackResult {
  filename: string;
  files: { path: string }[];
}

function pack(): void {
  run(npm, ["run", "build"]);
  run(npm, ["run", "build:types"]);
  rmSync(packDir, { recursive: true, force: true });
  mkdirSync(packDir, { recursive: true });
  // The build ran above, so skip `prepack` (it would run it again).
  const [result] = JSON.parse(
    run(npm, ["pack", "--ignore-scripts", "--json", "--pack-destination", packDir]),
  ) as PackResult[];
  renameSync(join(packDir, result.filename), tarball);
  const paths = result.files.map(({ path }) => path);
  for (const needed of ["dist/index.js", "dist/icon.png", "dist/types/package.d.ts", "README.md"]) {
    assert(paths.includes(needed), `the tarball lacks ${needed}`);
  }
  const stray = paths.filter(
    (path) =>
      !/^(dist\/index\.js|dist\/index\.js\.LICENSE\.txt|dist\/icon\.png|README\.md|package\.json|LICENSE)$/.test(
        path,
      ) && !/^dist\/types\/.+\.d\.ts$/.test(path),
  );
  assert(
    stray.length === 0,
    `the tarball holds files a consumer does not need: ${stray.join(", ")}`,
  );
}

function install(): void {
  rmSync(installed, { recursive: true, force: true });
  mkdirSync(installed, { recursive: true });
  // An npm tarball holds one folder, package/: its contents are the installed package.
  run("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"]);
  const entries = readdirSync(installed);
  assert(
    entries.includes("package.json") && entries.includes("dist"),
    "the unpacked package is incomplete",
  );
}

async function runFlow(): Promise<void> {
  const server = await startXaiServer({ acceptedToken: "xai-example-key" });
  const previousBaseUrl = process.env.XAI_BASE_URL;
  process.env.XAI_BASE_URL = server.baseUrl;
  try {
    // Loaded only now: the example imports "xai-grok", which exists once unpacked.
    const { askGrokFlow } = await loadExample<{ askGrokFlow: AnyFlow }>("flows");
    const { XAI_CONNECTION } = await loadExample<{ XAI_CONNECTION: string }>("configPages");
    const { result } = await invokeFlow(askGrokFlow, {
      configVars: {
        [XAI_CONNECTION]: { key: "xaiGrokConnection", fields: { token: "xai-example-key" } },
      },
      payload: { body: { data: { question: "Say hello." } } },
    });
    const data = result?.data as
      | { question: string; chat: { object: string; choices: unknown[] }; answer: string }
      | undefined;
    assert(data, "the flow returned no data");
    assert(data.question === "Say hello.", `the flow answered ${JSON.stringify(data.question)}`);
    assert(data.chat.object === "chat.completion", "the flow did not return a chat completion");
    assert(data.chat.choices.length > 0, "the chat completion has no choices");
    assert(typeof data.answer === "string" && data.answer.length > 0, "Ask Grok answered no text");
    assert(
      server.requests.some(({ path }: RecordedRequest) => path.endsWith("/responses")),
      "Ask Grok sent no POST /responses",
    );
    const sent = server.requests.find(({ path }: RecordedRequest) =>
      path.endsWith("/chat/completions"),
    );
    assert(sent, "no POST /chat/completions reached the local xAI server");
    assert(
      sent.headers.authorization === "Bearer xai-example-key",
      "the connection's key was not sent",
    );
    const body = sent.body as {
      model?: string;
      messages?: { content?: string }[];
      temperature?: number;
    };
    assert(
      body.model === "grok-4" && body.temperature === 0.2,
      `unexpected request ${sent.rawBody}`,
    );
    assert(body.messages?.[0]?.content === "Say hello.", "the question was not sent");
  } finally {
    if (previousBaseUrl === undefined) delete process.env.XAI_BASE_URL;
    else process.env.XAI_BASE_URL = previousBaseUrl;
    await server.close();
  }
}

async function main(): Promise<void> {
  const ok =
    (await check("npm pack: bundle, icon, declarations and README only", pack)) &&
    (await check("install the tarball into examples/code-native", install)) &&
    (await check("typecheck examples/code-native against the package's types", () => {
      run(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", example]);
    }));
  if (ok) {
    await check("integration() accepts the example's definition", async () => {
      const { default: definition } = await loadExample<{
        default: { codeNativeIntegrationYAML?: string };
      }>("index");
      assert(
        definition.codeNativeIntegrationYAML?.includes("xaiGrokConnection"),
        "no connection reference in the YAML",
      );
    });
    await check("the example's flow calls Create Chat Completion on the local xAI server", runFlow);
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && ok ? 0 : 1;
}

main();
