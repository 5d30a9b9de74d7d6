import { join } from "node:path";
import type { Component } from "@prismatic-io/spectral/dist/serverTypes";
import { createHarness } from "@prismatic-io/spectral/dist/testing";

/** The component as it ships: dist/index.js, built by jest's globalSetup (test/support/buildBundle.ts). */
export const bundlePath = join(__dirname, "../../dist/index.js");

export const builtComponent = (): Component => require(bundlePath).default;

/** Spectral's harness over the built bundle: cleaning, defaults and the error hook as in Prismatic. */
export const bundleHarness = () => createHarness(builtComponent());
