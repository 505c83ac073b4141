// The UI's entry point: picks the system font and renders the app.
import { render } from "preact";
import { App } from "./App";
import "./styles.css";

// Picks the system's UI font (styles.css names it per system).
const ua = navigator.userAgent;
document.documentElement.dataset.os = ua.includes("Mac") ? "mac" : ua.includes("Windows") ? "windows" : "linux";

const root = document.getElementById("app");
if (root) render(<App />, root);
