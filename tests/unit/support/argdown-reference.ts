/**
 * The reference Argdown parser as Argdown's own tools run it, independent of lib/export/argdown-import.ts:
 * the plugins @argdown/core's default application registers for parse-input, build-model and build-map,
 * in its order, with default settings (front matter is merged into the request, exceptions are collected,
 * not thrown). Tests use it to check that an export parses cleanly and means what the board means.
 */
import {
  ArgdownApplication,
  ArgumentSelectionPlugin,
  DataPlugin,
  ExplodeArgumentsPlugin,
  GroupPlugin,
  IArgument,
  IEquivalenceClass,
  MapPlugin,
  ModelPlugin,
  ParserPlugin,
  PreselectionPlugin,
  RangeType,
  RegroupPlugin,
  StatementSelectionPlugin,
  argdown,
  type IArgdownResponse,
  type IStatement,
} from "@argdown/core";
import { decodeArgdownText } from "@/lib/export/argdown";

const PROCESSES = ["parse-input", "build-model", "build-map"];

function referenceApplication(): ArgdownApplication {
  const app = new ArgdownApplication();
  app.addPlugin(new ParserPlugin(), "parse-input");
  app.addPlugin(new DataPlugin(), "build-model");
  app.addPlugin(new ModelPlugin(), "build-model");
  app.addPlugin(new ExplodeArgumentsPlugin(), "build-model");
  app.addPlugin(new RegroupPlugin(), "build-model");
  app.addPlugin(new PreselectionPlugin(), "build-map");
  app.addPlugin(new StatementSelectionPlugin(), "build-map");
  app.addPlugin(new ArgumentSelectionPlugin(), "build-map");
  app.addPlugin(new MapPlugin(), "build-map");
  app.addPlugin(new GroupPlugin(), "build-map");
  return app;
}

const reference = referenceApplication();

/** The plugin names the library's default application runs for our three processes, for a drift check. */
export function defaultPluginNames(): string[] {
  return PROCESSES.flatMap((p) => (argdown.getPlugins(p) ?? []).map((plugin) => `${p}:${plugin.name}`));
}

export function referencePluginNames(): string[] {
  return PROCESSES.flatMap((p) => (reference.getPlugins(p) ?? []).map((plugin) => `${p}:${plugin.name}`));
}

/** Parses `input` as Argdown's tools would; a lexer failure shows up as a missing `ast` plus exceptions. */
export function parseReference(input: string): IArgdownResponse {
  return reference.run({ input, process: PROCESSES, logLevel: "none", logExceptions: false });
}

/** Everything that counts as "did not parse cleanly": lexer, parser and plugin errors. */
export function problems(response: IArgdownResponse): string[] {
  return [
    ...(response.ast ? [] : ["no syntax tree (the lexer failed)"]),
    ...(response.lexerErrors ?? []).map((e) => `lexer: ${e.message}`),
    ...(response.parserErrors ?? []).map((e) => `parser: ${e.message}`),
    ...(response.exceptions ?? []).map((e) => `exception: ${e.message}`),
  ];
}

/** A model element's text as Parley wrote it: tags (`#(author: …)`) removed, trimmed, line breaks decoded. */
export function parleyText(el: IArgument | IEquivalenceClass): string {
  const member: IStatement | undefined = el.type === "argument" ? IArgument.getCanonicalMember(el) : IEquivalenceClass.getCanonicalMember(el);
  let text = member?.text ?? "";
  const tags = (member?.ranges ?? []).filter((r) => r.type === RangeType.TAG).sort((a, b) => b.start - a.start);
  for (const range of tags) text = text.slice(0, range.start) + text.slice(range.stop + 1);
  return decodeArgdownText(text.trim());
}
