const path = require("node:path");
const CopyPlugin = require("copy-webpack-plugin");

/**
 * Bundles the component into dist/index.js for `prism components:publish`.
 * @see https://prismatic.io/docs/custom-connectors/get-started/
 */
module.exports = {
  entry: "./src/index.ts",
  target: "node",
  mode: "production",
  module: {
    rules: [
      {
        test: /\.ts$/,
        loader: "ts-loader",
        exclude: /node_modules/,
        // Type checking is `npm run typecheck` (tsc); the bundle only needs the JavaScript.
        options: { transpileOnly: true, configFile: "tsconfig.build.json" },
      },
    ],
  },
  resolve: { extensions: [".ts", ".js"] },
  output: {
    filename: "index.js",
    path: path.resolve(__dirname, "dist"),
    library: { type: "commonjs2" },
  },
  plugins: [new CopyPlugin({ patterns: [{ from: "assets/icon.png", to: "icon.png" }] })],
};
