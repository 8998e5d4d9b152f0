import "@mantine/core/styles.css";
import "@mantine/notifications/styles.css";
import "./app.css";
import "./i18n";
import React from "react";
import ReactDOM from "react-dom/client";
import { BrowserRouter } from "react-router-dom";
import { Alert, MantineProvider, Table, createTheme, type CSSVariablesResolver } from "@mantine/core";
import { Notifications } from "@mantine/notifications";
import { setNonce } from "get-nonce";
import { App } from "./App";

// The server puts a fresh nonce into this tag per page load; Mantine's <style> elements carry it (CSP).
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content ?? "";
setNonce(nonce); // the modal's scroll lock (react-remove-scroll) adds a <style> element too

const theme = createTheme({
  primaryColor: "blue",
  primaryShade: 8, // contrast ≥ 4.5:1 for white text on buttons (WCAG AA)
  defaultRadius: "sm",
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  // Alert titles in the alert's colour fall below 4.5:1 on its light background: dark text, coloured frame.
  components: {
    Alert: Alert.extend({ styles: { title: { color: "var(--mantine-color-black)" } } }),
    // A table wider than a tablet scrolls inside its container: keyboard users reach it too (WCAG 2.1.1).
    TableScrollContainer: Table.ScrollContainer.extend({ defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } } }),
  },
});

// Dimmed text at gray 7: the default gray 6 is below 4.5:1 on white (WCAG AA); so is red 6, the default colour
// of a field's error text (and of what was typed into a refused field): red 9 instead.
const resolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { "--mantine-color-dimmed": "var(--mantine-color-gray-7)", "--mantine-color-placeholder": "var(--mantine-color-gray-7)",
           "--mantine-color-error": "var(--mantine-color-red-9)" },
  dark: {},
});

ReactDOM.createRoot(document.getElementById("root")!).render(
  <React.StrictMode>
    <MantineProvider theme={theme} getStyleNonce={() => nonce} defaultColorScheme="light"
      cssVariablesResolver={resolver}>
      <Notifications position="top-right" />
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </MantineProvider>
  </React.StrictMode>,
);
