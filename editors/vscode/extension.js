// A minimal VS Code extension: it starts `pagelint server` (a language
// server on stdin/stdout) for Markdown documents. Everything else —
// diagnostics, quick fixes, "fix all", hovers — comes from the server.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("pagelint").get("path") || "pagelint";
  const server = { command, args: ["server"], transport: TransportKind.stdio };
  client = new LanguageClient(
    "pagelint",
    "pagelint",
    { run: server, debug: server },
    {
      documentSelector: [
        { scheme: "file", language: "markdown" },
        { scheme: "untitled", language: "markdown" },
      ],
    },
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
