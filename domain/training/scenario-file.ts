import { type Document, isNode, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type Scenario, scenarioSchema } from './scenario.schema';

/** One thing wrong with a scenario file, where it is. */
export type ScenarioProblem = { file: string; line: number; field: string; message: string };

/** A scenario file that cannot be played: every problem found, each naming its file, line and field. */
export class ScenarioFileError extends Error {
  override name = 'ScenarioFileError';
  constructor(readonly problems: ScenarioProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

export function formatProblem(p: ScenarioProblem): string {
  return `${p.file}:${p.line}: ${p.field ? `${p.field}: ` : ''}${p.message}`;
}

/** "steps[3].reason" */
function fieldOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${String(part)}` : String(part)),
    '',
  );
}

/** The line of the deepest node the path reaches: a missing field is reported at its parent. */
function lineOf(doc: Document, counter: LineCounter, path: readonly PropertyKey[]): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}

/**
 * Parses a scenario file's text: YAML syntax errors and schema issues both come back as one
 * ScenarioFileError naming file, line and field. Each step carries the line it starts on, so
 * a player can say which step failed.
 */
export function parseScenario(file: string, source: string): Scenario {
  const counter = new LineCounter();
  const doc = parseDocument(source, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ScenarioFileError(
      doc.errors.map((e) => ({
        file,
        line: counter.linePos(e.pos[0]).line,
        field: '',
        message: e.message.split('\n')[0]!,
      })),
    );
  }
  const parsed = scenarioSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new ScenarioFileError(
      parsed.error.issues.map((issue: z.core.$ZodIssue) => ({
        file,
        line: lineOf(doc, counter, issue.path),
        field: fieldOf(issue.path),
        message: issue.message,
      })),
    );
  }
  const steps = doc.get('steps', true);
  const lines = isSeq(steps)
    ? steps.items.map((item) => (isNode(item) && item.range ? counter.linePos(item.range[0]).line : undefined))
    : [];
  return {
    ...parsed.data,
    steps: parsed.data.steps.map((s, i) => {
      const line = lines[i];
      return line === undefined ? s : { ...s, line };
    }),
  };
}
