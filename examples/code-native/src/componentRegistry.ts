import {
  type ComponentManifest,
  componentManifests,
  type InputFieldType,
} from "@prismatic-io/spectral";
import type { Input } from "@prismatic-io/spectral/dist/serverTypes";
import xaiGrok from "xai-grok";

/**
 * Spectral 10.31 resolves a config variable's `connection: { component, key }` through the
 * integration's component registry. This entry is derived from the installed package (its key and
 * connection inputs), so nothing is copied by hand and the package stays the one source.
 * Actions are called in-process from the package (see flows.ts), so none are registered here.
 * @see https://prismatic.io/docs/integrations/code-native/existing-components/
 */
const manifestInputs = (inputs: Input[]) =>
  Object.fromEntries(
    inputs.map(({ key, type, required, default: defaultValue }) => [
      key,
      { inputType: type as InputFieldType, required, default: defaultValue },
    ]),
  );

const connections: ComponentManifest["connections"] = Object.fromEntries(
  xaiGrok.connections.map(({ key, inputs }) => [
    key,
    { key, inputs: manifestInputs(inputs), perform: () => Promise.resolve(undefined) },
  ]),
);

export const componentRegistry = componentManifests({
  xaiGrok: {
    key: xaiGrok.key,
    public: xaiGrok.public ?? false,
    signature: null,
    actions: {},
    triggers: {},
    dataSources: {},
    connections,
  },
});
