import { configPage, connectionConfigVar } from "@prismatic-io/spectral";

/** The config variable's name: flows read the connection as `context.configVars[XAI_CONNECTION]`. */
export const XAI_CONNECTION = "xAI Grok Connection";

/** One page: an xAI Grok connection (the component's `xaiGrokConnection`: an API key). */
export const configPages = {
  Connections: configPage({
    tagline: "Connect to xAI",
    elements: {
      [XAI_CONNECTION]: connectionConfigVar({
        stableKey: "xai-grok-connection",
        dataType: "connection",
        connection: {
          component: "xaiGrok",
          key: "xaiGrokConnection",
          values: { token: { permissions: "customer", visibleToOrgDeployer: true } },
        },
      }),
    },
  }),
};

// Types `context.configVars` in flows from the pages above.
type ExampleConfigPages = typeof configPages;
declare module "@prismatic-io/spectral" {
  interface IntegrationDefinitionConfigPages extends ExampleConfigPages {}
}
