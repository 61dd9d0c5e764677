import { ArgdownApplication, Data, DataPlugin, ExplodeArgumentsPlugin, FrontMatter, FrontMatterSettingsModes, ModelPlugin, ParserPlugin, RegroupPlugin, tokenMatcher } from "@argdown/core";
import type { IArgdownRequest, IArgdownResponse } from "@argdown/core";
import type { ImportIssue } from "./imported-board";

/**
 * Running the reference Argdown parser (@argdown/core) for the importer (argdown-import.ts), and
 * turning its failures into ImportIssues with line numbers. @argdown/core swallows some failures: a
 * lexer error surfaces only as a thrown "lexing errors detected" (no position), and a YAML error in
 * a `{…}` block silently stops the model half-built. So the run is split (parse; check every YAML
 * block on its own; build the model) with `throwExceptions` on, so nothing is lost.
 */

let application: ArgdownApplication | undefined;

/** The plugins @argdown/core's default application registers for parse-input and build-model, in its order. */
function argdownApplication(): ArgdownApplication {
  if (application) return application;
  application = new ArgdownApplication();
  application.addPlugin(new ParserPlugin(), "parse-input");
  for (const plugin of [new DataPlugin(), new ModelPlugin(), new ExplodeArgumentsPlugin(), new RegroupPlugin()]) application.addPlugin(plugin, "build-model");
  return application;
}

export type ArgdownRun = { ok: true; response: IArgdownResponse } | { ok: false; errors: ImportIssue[] };

/**
 * Parses `text` and builds Argdown's model, or says what stopped it, with the 1-based line where one is
 * known. An imported file is untrusted: its front matter is read as data and cannot reconfigure the
 * parser or the model.
 */
export function runArgdown(text: string): ArgdownRun {
  const request: IArgdownRequest = {
    input: text,
    process: ["parse-input"],
    throwExceptions: true,
    logExceptions: false,
    logLevel: "none",
    data: { frontMatterSettingsMode: FrontMatterSettingsModes.IGNORE },
  };
  let response: IArgdownResponse;
  try {
    response = argdownApplication().run(request);
  } catch (error) {
    return { ok: false, errors: [lexerIssue(text, error)] };
  }
  const errors: ImportIssue[] = [
    ...(response.lexerErrors ?? []).map((e) => ({ line: e.line, message: `Argdown syntax: ${e.message}` })),
    ...(response.parserErrors ?? []).map((e) => ({ line: e.token?.startLine || undefined, message: `Argdown syntax: ${e.message}` })),
  ];
  if (errors.length === 0) errors.push(...yamlIssues(response));
  if (errors.length > 0) return { ok: false, errors };
  try {
    argdownApplication().run({ ...request, process: ["build-model"] }, response);
  } catch (error) {
    return { ok: false, errors: [{ message: `Argdown could not build its model: ${messageOf(error)}` }] };
  }
  return { ok: true, response };
}

/** The one input the lexer rejects is a backslash ending a line (a line break cannot be escaped). */
function lexerIssue(text: string, error: unknown): ImportIssue {
  const index = text.split(/\r\n|\r|\n/).findIndex((line) => /(^|[^\\])(\\\\)*\\$/.test(line));
  if (index >= 0) return { line: index + 1, message: "Argdown syntax: a backslash at the end of a line escapes nothing; write \\\\ for a backslash." };
  return { message: `Argdown could not read the file: ${messageOf(error)}` };
}

/** Loads each front matter and `{…}` block with the DataPlugin's own YAML reading, to say which one fails, and where. */
function yamlIssues(response: IArgdownResponse): ImportIssue[] {
  const plugin = new DataPlugin({ frontMatterSettingsMode: FrontMatterSettingsModes.IGNORE });
  const issues: ImportIssue[] = [];
  for (const token of response.tokens ?? []) {
    const kind = tokenMatcher(token, FrontMatter) ? "FrontMatter" : tokenMatcher(token, Data) ? "Data" : null;
    if (!kind) continue;
    try {
      plugin.tokenListeners[kind]({ data: { ...plugin.defaults } }, {}, token, null, null, { log: () => {}, setLevel: () => {} });
    } catch (error) {
      const yaml = error as { mark?: { line?: number }; reason?: string };
      const what = kind === "FrontMatter" ? "The front matter" : "A {…} data block";
      issues.push({ line: (token.startLine ?? 1) + (yaml.mark?.line ?? 0), message: `${what} is not valid YAML: ${yaml.reason ?? messageOf(error)}` });
    }
  }
  return issues;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
