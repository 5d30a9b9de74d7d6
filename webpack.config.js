const path = require("node:path");
const CopyPlugin = require("copy-webpack-plugin");
const { NormalModuleReplacementPlugin, experiments } = require("webpack");

/**
 * Parts of Spectral's dependency tree a component never runs. `require("@prismatic-io/spectral")`
 * loads its whole index, which pulls in code-native-integration helpers and test mocks; mapping
 * these to `false` bundles an empty object in their place (they are only touched inside functions
 * a component does not call). See BENCHMARKS.md, "Bundle trimming", for the sizes saved.
 * @see https://webpack.js.org/configuration/resolve/#resolvealias
 */
const UNUSED_BY_COMPONENTS = {
  // spectral/dist/testing's mocks (jest-mock drags in jest-util, chalk, picomatch, graceful-fs).
  "jest-mock": false,
  // Code-native integrations only: config-page JSON schemas and the integration YAML.
  zod: false,
  yaml: false,
  // object-sizeof's browser branch (`typeof window !== "undefined"`); Node uses global.Buffer.
  buffer$: false,
  // With ES module output (below) `import ... from "axios"` would pick axios' ESM build and bundle
  // a second copy next to the CommonJS one Spectral requires; share Spectral's copy instead.
  axios$: require.resolve("axios"),
};

/**
 * Spectral's conditional logic requires the whole of date-fns (about 600 KB of CommonJS that
 * cannot be tree-shaken) for six functions; this module re-exports just those.
 */
const DATE_FNS_SUBSET = "date-fns-subset";
const dateFnsSubsetSource = () =>
  ["isAfter", "isBefore", "isEqual", "isValid", "parse", "parseISO"]
    .map((name) => `exports.${name} = require("date-fns/${name}").${name};`)
    .join("\n");

const trimmingPlugins = () => [
  new experiments.schemes.VirtualUrlPlugin({
    [DATE_FNS_SUBSET]: { type: ".js", context: __dirname, source: dateFnsSubsetSource },
  }),
  new NormalModuleReplacementPlugin(/^date-fns$/, `virtual:${DATE_FNS_SUBSET}`),
];

/**
 * One webpack configuration for the component (`npm run build`) and the benchmark's minimal
 * fixture (`npm run bench`), so both are bundled the same way.
 * @param {object} [options]
 * @param {string} [options.entry] entry module, relative to this folder
 * @param {string} [options.outputDir] output folder, relative to this folder
 * @param {string} [options.tsconfig] TypeScript settings for the entry's folder, relative to this folder
 * @param {boolean} [options.trimmed] leave out the Spectral parts listed above (default true)
 * @returns {import("webpack").Configuration}
 * @see https://prismatic.io/docs/custom-connectors/get-started/
 */
const createConfig = ({
  entry = "./src/index.ts",
  outputDir = "dist",
  tsconfig = "tsconfig.build.json",
  trimmed = true,
} = {}) => ({
  context: __dirname,
  entry,
  target: "node",
  mode: "production",
  module: {
    rules: [
      {
        test: /\.ts$/,
        loader: "ts-loader",
        exclude: /node_modules/,
        // Type checking is `npm run typecheck` (tsc); the bundle only needs the JavaScript.
        options: {
          transpileOnly: true,
          configFile: path.resolve(__dirname, tsconfig),
          // ES modules let webpack hoist the component's modules into one scope and drop unused
          // exports (CommonJS output keeps a wrapper and interop helpers per file).
          ...(trimmed ? { compilerOptions: { module: "es2022" } } : {}),
        },
      },
    ],
  },
  resolve: { extensions: [".ts", ".js", ".json"], alias: trimmed ? UNUSED_BY_COMPONENTS : {} },
  // Spectral names a ConnectionError by `this.constructor.name`: keep error class names through
  // minification, so builders see "ConnectionError", not "".
  optimization: {
    minimizeOptions: { javascript: { compress: { passes: 2 }, keep_classnames: /Error$/ } },
  },
  output: {
    filename: "index.js",
    path: path.resolve(__dirname, outputDir),
    library: { type: "commonjs2" },
  },
  plugins: [
    new CopyPlugin({ patterns: [{ from: "assets/icon.png", to: "icon.png" }] }),
    ...(trimmed ? trimmingPlugins() : []),
  ],
});

/** webpack-cli (`npm run build`) calls this and gets the defaults. */
module.exports = () => createConfig();
module.exports.createConfig = createConfig;
