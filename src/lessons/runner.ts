// Runs lesson projects on the engine: builds a fresh project from a ProjectState, replays its
// setup, runs commands with canned answers and captures what they print. Used for the
// outputs embedded in lesson text, "what will this print?" questions and the validation test.
import type {
  Console, Database, MigrationNode, MigrationPreview, ModelInfo, ProjectFiles, QueryResult, TableInfo,
} from '../engine/project';
import type { CommandRecord, ProjectProbe } from './probe';
import type { CommandSpec, FileMap, ProjectState, SetupStep } from './types';

/** The part of the engine's `Project` the lessons use. */
export interface EngineProject {
  run(argv: string[], console: Console): Promise<number>;
  preview(): MigrationPreview;
  models(): ModelInfo[];
  tables(): TableInfo[];
  migrationGraph(): MigrationNode[];
}

/** Makes an engine project over the given files and a new empty database. */
export type ProjectFactory = (files: ProjectFiles) => Promise<{ project: EngineProject; db: Database }>;

export class MemoryFiles implements ProjectFiles {
  private readonly map: Map<string, string>;
  constructor(files: FileMap = {}) {
    this.map = new Map(Object.entries(files));
  }
  read(path: string): string | undefined { return this.map.get(path); }
  write(path: string, text: string): void { this.map.set(path, text); }
  delete(path: string): void { this.map.delete(path); }
  list(): string[] { return [...this.map.keys()].sort(); }
  toMap(): FileMap { return Object.fromEntries([...this.map.entries()].sort(([a], [b]) => a.localeCompare(b))); }
}

/** A console that answers prompts from canned lines and records everything printed. */
export class ScriptedConsole implements Console {
  readonly isatty = false;
  out = '';
  err = '';
  private lines: string[];
  constructor(stdin?: string) {
    this.lines = stdin === undefined ? [] : stdin.replace(/\n$/, '').split('\n');
  }
  stdout(text: string): void { this.out += text; }
  stderr(text: string): void { this.err += text; }
  /** Like a terminal: the prompt is shown (on stdout), the canned answer is not echoed. */
  readLine(prompt: string): Promise<string | null> {
    this.out += prompt;
    return Promise.resolve(this.lines.length ? (this.lines.shift() as string) : null);
  }
}

/** A project built from lesson content, with the commands run on it so far. */
export class LessonProject implements ProjectProbe {
  readonly log: CommandRecord[] = [];
  constructor(readonly engine: EngineProject, readonly db: Database, readonly fileStore: MemoryFiles) {}

  async runCommand(cmd: CommandSpec): Promise<CommandRecord> {
    const console = new ScriptedConsole(cmd.stdin);
    let exitCode: number;
    try {
      exitCode = await this.engine.run(cmd.argv, console);
    } catch (e) {
      console.stderr(`${e instanceof Error ? e.message : String(e)}\n`);
      exitCode = 1;
    }
    const record = { argv: cmd.argv, stdout: console.out, stderr: console.err, exitCode };
    this.log.push(record);
    return record;
  }

  async step(step: SetupStep): Promise<CommandRecord> {
    if ('sql' in step) {
      try {
        this.db.exec(step.sql);
        return { argv: [], stdout: '', stderr: '', exitCode: 0 };
      } catch (e) {
        return { argv: [], stdout: '', stderr: `${e instanceof Error ? e.message : String(e)}\n`, exitCode: 1 };
      }
    }
    return this.runCommand(step);
  }

  writeFiles(files: FileMap, del: string[] = []): void {
    for (const p of del) this.fileStore.delete(p);
    for (const [p, t] of Object.entries(files)) this.fileStore.write(p, t);
  }

  files(): FileMap { return this.fileStore.toMap(); }
  models(): ModelInfo[] { return this.engine.models(); }
  tables(): TableInfo[] { return this.engine.tables(); }
  migrationGraph(): MigrationNode[] { return this.engine.migrationGraph(); }
  preview(): MigrationPreview { return this.engine.preview(); }
  query(sql: string): QueryResult[] { return this.db.exec(sql); }
  transcript(): CommandRecord[] { return this.log; }
}

export interface SetupFailure {
  step: SetupStep;
  record: CommandRecord;
}

/** Builds the project for a state and replays its setup; failing setup steps are reported, not thrown. */
export async function materialize(
  state: ProjectState,
  factory: ProjectFactory,
): Promise<{ project: LessonProject; failures: SetupFailure[] }> {
  const phased = state.phases.length > 0;
  const files = new MemoryFiles(phased ? {} : state.files);
  const { project, db } = await factory(files);
  const lp = new LessonProject(project, db, files);
  const failures: SetupFailure[] = [];
  const run = async (steps: SetupStep[]): Promise<void> => {
    for (const step of steps) {
      const record = await lp.step(step);
      if (record.exitCode !== 0) failures.push({ step, record });
    }
  };
  if (phased) {
    for (const phase of state.phases) {
      lp.writeFiles(phase.files, phase.delete);
      await run(phase.steps);
    }
  } else {
    await run(state.setup);
  }
  return { project: lp, failures };
}

/** What a command printed, as a terminal would show it (stdout then stderr). */
export function shownOutput(r: CommandRecord): string {
  return r.stdout + r.stderr;
}
