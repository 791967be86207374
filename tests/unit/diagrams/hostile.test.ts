// Hostile names (quotes, <script>, %%{init}%%, click, backticks, newlines, entities) must
// stay text: every generated line must be one of the shapes the generators write, with
// user text only inside double quotes, and nothing mermaid or a browser would act on.
// The end-to-end test renders the same project in Chromium and checks no script ran.
import { describe, expect, it } from 'vitest';
import {
  beforeAfterText,
  diffSnapshots,
  erDiagramText,
  migrationGraphText,
  schemaFromModels,
  schemaFromTables,
} from '../../../src/diagrams';
import { hostileProject } from './projects';

const STR = '"[^"\\n]*"';
const WORD = '[A-Za-z_][A-Za-z0-9_\\-()[\\].,\u200B]*';

const ER_LINES = [
  /^erDiagram$/,
  /^ {2}direction (TB|LR)$/,
  new RegExp(`^  e_\\w+\\[${STR}\\]( \\{)?$`),
  new RegExp(`^ {4}${WORD} ${WORD}( (PK|FK|UK)(, (PK|FK|UK))*)?( ${STR})?$`),
  /^ {2}\}$/,
  new RegExp(`^  e_\\w+ [|}][o|](--|\\.\\.)[o|][|{] e_\\w+ : ${STR}$`),
  /^ {2}classDef \w+ [\w#:,\-. ]+$/,
  /^ {2}class [\w,]+ \w+$/,
];

const FLOW_LINES = [
  /^flowchart (TB|LR)$/,
  new RegExp(`^ +subgraph m_\\w+\\[${STR}\\]$`),
  /^ +direction TB$/,
  /^ +end$/,
  new RegExp(`^ +m_\\w+(\\(${STR}\\)|\\[\\[${STR}\\]\\]|\\{\\{${STR}\\}\\})$`),
  /^ {2}m_\w+ --> m_\w+$/,
  /^ {2}classDef \w+ [\w#:,\-. ]+$/,
  /^ {2}class [\w,]+ \w+$/,
  /^ {2}linkStyle [\d,]+ [\w:\- ]+$/,
];

function checkText(text: string, shapes: RegExp[]) {
  const lines = text.trimEnd().split('\n');
  for (const line of lines) {
    expect(shapes.some((re) => re.test(line)), `unexpected line: ${line}`).toBe(true);
  }
  // Outside our own <br/> line breaks: no HTML, no directive or comment, no markdown
  // string, no entity code.
  const body = text.replace(/<br\/>/g, '').replace(/ --> /g, ' ');
  expect(body).not.toMatch(/[<>`&\\]/);
  expect(body).not.toContain('%');
  expect(body).not.toMatch(/#\w+;/);
}

describe('hostile names stay text', () => {
  const p = hostileProject();

  it('in the ER diagram of the models', () => {
    for (const columns of ['all', 'keys', 'none'] as const) {
      const d = erDiagramText(schemaFromModels(p.models), { columns });
      checkText(d.text, ER_LINES);
      expect(d.size).toBe(p.models.length);
    }
  });

  it('in the ER diagram of the tables', () => {
    const d = erDiagramText(schemaFromTables(p.tables));
    checkText(d.text, ER_LINES);
    expect(d.text.match(/^ {2}e_\w+\[/gm)?.length).toBe(p.tables.length);
  });

  it('in the migration graph', () => {
    const d = migrationGraphText(p.graph);
    checkText(d.text, FLOW_LINES);
    expect(d.ids.size).toBeGreaterThanOrEqual(p.graph.length);
  });

  it('in the before/after view', () => {
    checkText(beforeAfterText(diffSnapshots([], p.tables)).text, ER_LINES);
    checkText(beforeAfterText(diffSnapshots(p.tables, p.models)).text, ER_LINES);
  });
});
