// The questions makemigrations asks (django/db/migrations/questioner.py), word for word.
//
// The autodetector is synchronous; a question it cannot answer from what it already knows
// throws `NeedAnswer`. The interactive driver (`InteractiveMigrationQuestioner.resolve`) then
// holds the conversation through the awaited console, records the answer, and the autodetector
// runs again from fresh states, replaying the recorded answers in order.

import { PyException, type PyValue } from '../../python/values';
import { SystemExit } from '../../core/management/argparse';
import type { OutputWrapper } from '../../core/management/base';
import type { Console } from '../../project';
import { NOT_PROVIDED, type NotProvided } from '../models/constants';

export type Question =
  | { kind: 'rename'; modelName: string; oldName: string; newName: string; fieldClass: string }
  | { kind: 'renameModel'; appLabel: string; oldName: string; newName: string }
  | { kind: 'notNullAddition'; fieldName: string; modelName: string }
  | { kind: 'notNullAlteration'; fieldName: string; modelName: string }
  | { kind: 'autoNowAddAddition'; fieldName: string; modelName: string }
  | { kind: 'uniqueCallableDefaultAddition'; fieldName: string; modelName: string };

export type Answer = boolean | PyValue | NotProvided | undefined;

export class NeedAnswer extends Error {
  constructor(readonly question: Question) {
    super('question needs an answer');
  }
}

const DOCS_VERSION = '5.2';

export interface QuestionerOptions {
  defaults?: Record<string, boolean>;
  specifiedApps?: Iterable<string>;
  dryRun?: boolean;
  /**
   * Python files in the app's migrations package besides __init__.py, or undefined when the
   * package cannot be imported (used by askInitial).
   */
  migrationFiles?: (appLabel: string) => string[] | undefined;
}

/** Lists an app's migration files when a questioner was not given its own way to (set by the runtime). */
let defaultMigrationFiles: ((appLabel: string) => string[] | undefined) | undefined;
export function setDefaultMigrationFiles(f: ((appLabel: string) => string[] | undefined) | undefined): void {
  defaultMigrationFiles = f;
}

/** The non-interactive base: Django's MigrationQuestioner defaults. */
export class MigrationQuestioner {
  readonly defaults: Record<string, boolean>;
  readonly specifiedApps: Set<string>;
  readonly dryRun: boolean;
  protected readonly migrationFiles?: (appLabel: string) => string[] | undefined;

  constructor(opts: QuestionerOptions = {}) {
    this.defaults = opts.defaults ?? {};
    this.specifiedApps = new Set(opts.specifiedApps ?? []);
    this.dryRun = !!opts.dryRun;
    this.migrationFiles = opts.migrationFiles ?? defaultMigrationFiles;
  }

  askInitial(appLabel: string): boolean {
    if (this.specifiedApps.has(appLabel)) return true;
    const files = this.migrationFiles?.(appLabel);
    if (files === undefined) return this.defaults.ask_initial ?? false;
    return !files.some((f) => f.endsWith('.py') && f !== '__init__.py');
  }

  askNotNullAddition(_fieldName: string, _modelName: string): PyValue | NotProvided {
    return null;
  }

  askNotNullAlteration(_fieldName: string, _modelName: string): PyValue | NotProvided {
    return null;
  }

  askRename(_modelName: string, _oldName: string, _newName: string, _fieldClass: string): boolean {
    return this.defaults.ask_rename ?? false;
  }

  askRenameModel(_appLabel: string, _oldName: string, _newName: string): boolean {
    return this.defaults.ask_rename_model ?? false;
  }

  askAutoNowAddAddition(_fieldName: string, _modelName: string): PyValue | NotProvided {
    return null;
  }

  askUniqueCallableDefaultAddition(_fieldName: string, _modelName: string): void {}
}

/**
 * Answers from a recorded conversation; the first unanswered question throws NeedAnswer.
 * `resolve` then asks it through the console.
 */
export class InteractiveMigrationQuestioner extends MigrationQuestioner {
  private answers: Answer[] = [];
  private cursor = 0;

  constructor(
    opts: QuestionerOptions,
    private readonly promptOutput: OutputWrapper,
    private readonly console: Console,
    /** Evaluates the one-off default: a Python expression with datetime and timezone available. */
    private readonly evaluate: (code: string) => PyValue,
    /** Whether prompts go to stdout (then the console shows them) or elsewhere (--scriptable). */
    private readonly promptsOnStdout = true,
  ) {
    super(opts);
  }

  /** Starts a new pass of the autodetector: answers are replayed from the start. */
  rewind(): void {
    this.cursor = 0;
  }

  private next(question: Question): Answer {
    if (this.cursor < this.answers.length) return this.answers[this.cursor++];
    throw new NeedAnswer(question);
  }

  override askNotNullAddition(fieldName: string, modelName: string): PyValue | NotProvided {
    if (this.dryRun) return null;
    return this.next({ kind: 'notNullAddition', fieldName, modelName }) as PyValue;
  }

  override askNotNullAlteration(fieldName: string, modelName: string): PyValue | NotProvided {
    if (this.dryRun) return null;
    return this.next({ kind: 'notNullAlteration', fieldName, modelName }) as PyValue | NotProvided;
  }

  override askRename(modelName: string, oldName: string, newName: string, fieldClass: string): boolean {
    return this.next({ kind: 'rename', modelName, oldName, newName, fieldClass }) as boolean;
  }

  override askRenameModel(appLabel: string, oldName: string, newName: string): boolean {
    return this.next({ kind: 'renameModel', appLabel, oldName, newName }) as boolean;
  }

  override askAutoNowAddAddition(fieldName: string, modelName: string): PyValue | NotProvided {
    if (this.dryRun) return null;
    return this.next({ kind: 'autoNowAddAddition', fieldName, modelName }) as PyValue;
  }

  override askUniqueCallableDefaultAddition(fieldName: string, modelName: string): void {
    if (this.dryRun) return;
    this.next({ kind: 'uniqueCallableDefaultAddition', fieldName, modelName });
  }

  // ---- the conversation ---------------------------------------------------------------

  /** Asks `question` through the console and records the answer (may throw SystemExit). */
  async resolve(question: Question): Promise<void> {
    this.answers.push(await this.ask(question));
  }

  private async ask(q: Question): Promise<Answer> {
    switch (q.kind) {
      case 'rename':
        return this.booleanInput(
          `Was ${q.modelName}.${q.oldName} renamed to ${q.modelName}.${q.newName} (a ${q.fieldClass})? [y/N]`,
          false,
        );
      case 'renameModel':
        return this.booleanInput(`Was the model ${q.appLabel}.${q.oldName} renamed to ${q.newName}? [y/N]`, false);
      case 'notNullAddition': {
        const choice = await this.choiceInput(
          `It is impossible to add a non-nullable field '${q.fieldName}' to ${q.modelName} without specifying a default. ` +
            `This is because the database needs something to populate existing rows.\nPlease select a fix:`,
          [
            'Provide a one-off default now (will be set on all existing rows with a null value for this column)',
            'Quit and manually define a default value in models.py.',
          ],
        );
        if (choice === 2) throw new SystemExit(3);
        return this.askDefault();
      }
      case 'notNullAlteration': {
        const choice = await this.choiceInput(
          `It is impossible to change a nullable field '${q.fieldName}' on ${q.modelName} to non-nullable without providing a default. ` +
            `This is because the database needs something to populate existing rows.\nPlease select a fix:`,
          [
            'Provide a one-off default now (will be set on all existing rows with a null value for this column)',
            'Ignore for now. Existing rows that contain NULL values will have to be handled manually, for example with a RunPython or RunSQL operation.',
            'Quit and manually define a default value in models.py.',
          ],
        );
        if (choice === 2) return NOT_PROVIDED;
        if (choice === 3) throw new SystemExit(3);
        return this.askDefault();
      }
      case 'autoNowAddAddition': {
        const choice = await this.choiceInput(
          `It is impossible to add the field '${q.fieldName}' with 'auto_now_add=True' to ${q.modelName} without providing a default. ` +
            `This is because the database needs something to populate existing rows.\n`,
          ['Provide a one-off default now which will be set on all existing rows', 'Quit and manually define a default value in models.py.'],
        );
        if (choice === 2) throw new SystemExit(3);
        return this.askDefault('timezone.now');
      }
      case 'uniqueCallableDefaultAddition': {
        const choice = await this.choiceInput(
          `Callable default on unique field ${q.modelName}.${q.fieldName} will not generate unique values upon migrating.\n` +
            `Please choose how to proceed:\n`,
          [
            `Continue making this migration as the first step in writing a manual migration to generate unique values described here: ` +
              `https://docs.djangoproject.com/en/${DOCS_VERSION}/howto/writing-migrations/#migrations-that-add-unique-fields.`,
            'Quit and edit field options in models.py.',
          ],
        );
        if (choice === 2) throw new SystemExit(3);
        return undefined;
      }
    }
  }

  /** input(): the prompt is shown where prompts go; EOF raises EOFError as Python does. */
  private async input(prompt: string): Promise<string> {
    let line: string | null;
    if (this.promptsOnStdout) line = await this.console.readLine(prompt);
    else {
      if (prompt) this.promptOutput.write(prompt, null, '');
      line = await this.console.readLine('');
    }
    if (line === null) throw new PyException('EOFError', 'EOF when reading a line');
    return line;
  }

  async booleanInput(question: string, dflt: boolean | null = null): Promise<boolean> {
    let result = await this.input(`${question} `);
    if (!result && dflt !== null) return dflt;
    while (!result || !'yn'.includes(result[0].toLowerCase())) {
      result = await this.input('Please answer yes or no: ');
    }
    return result[0].toLowerCase() === 'y';
  }

  private async choiceInput(question: string, choices: string[]): Promise<number> {
    this.promptOutput.write(question);
    choices.forEach((c, i) => this.promptOutput.write(` ${i + 1}) ${c}`));
    let prompt = 'Select an option: ';
    for (;;) {
      const result = await this.input(prompt);
      const value = parsePyInt(result);
      if (value !== undefined && value > 0 && value <= choices.length) return value;
      prompt = 'Please select a valid option: ';
    }
  }

  private async askDefault(dflt = ''): Promise<PyValue> {
    this.promptOutput.write('Please enter the default value as valid Python.');
    if (dflt) this.promptOutput.write(`Accept the default '${dflt}' by pressing 'Enter' or provide another value.`);
    this.promptOutput.write(
      'The datetime and django.utils.timezone modules are available, so it is possible to provide e.g. timezone.now as a value.',
    );
    this.promptOutput.write("Type 'exit' to exit this prompt");
    for (;;) {
      const prompt = dflt ? `[default: ${dflt}] >>> ` : '>>> ';
      let code = await this.input(prompt);
      if (!code && dflt) code = dflt;
      if (!code) {
        this.promptOutput.write("Please enter some code, or 'exit' (without quotes) to exit.");
      } else if (code === 'exit') {
        throw new SystemExit(1);
      } else {
        try {
          return this.evaluate(code);
        } catch (e) {
          if (e instanceof PyException) this.promptOutput.write(`${shortName(e.type)}: ${exceptionStr(e)}`);
          else throw e;
        }
      }
    }
  }
}

/** int(text) as Python parses it (surrounding spaces and underscores allowed). */
function parsePyInt(text: string): number | undefined {
  const t = text.trim();
  if (!/^[+-]?\d+(_\d+)*$/.test(t)) return undefined;
  return Number(t.replace(/_/g, ''));
}

function shortName(type: string): string {
  return type.slice(type.lastIndexOf('.') + 1);
}

/** str(e) for an exception raised by eval(): SyntaxError adds "(<string>, line N)". */
function exceptionStr(e: PyException): string {
  if ((e.type === 'SyntaxError' || e.type === 'IndentationError') && !e.pyMessage.includes('(<string>')) {
    return `${e.pyMessage} (<string>, line ${e.lineno ?? 1})`;
  }
  return e.pyMessage;
}

/** The --noinput questioner: logs why a field cannot be migrated and exits 3 where Django does. */
export class NonInteractiveMigrationQuestioner extends MigrationQuestioner {
  constructor(
    opts: QuestionerOptions,
    private readonly verbosity: number,
    private readonly log: (msg: string) => void,
  ) {
    super(opts);
  }

  private logLackOfMigration(fieldName: string, modelName: string, reason: string): void {
    if (this.verbosity > 0) this.log(`Field '${fieldName}' on model '${modelName}' not migrated: ${reason}.`);
  }

  override askNotNullAddition(fieldName: string, modelName: string): never {
    this.logLackOfMigration(fieldName, modelName, 'it is impossible to add a non-nullable field without specifying a default');
    throw new SystemExit(3);
  }

  override askNotNullAlteration(fieldName: string, modelName: string): NotProvided {
    this.log(`Field '${fieldName}' on model '${modelName}' given a default of NOT PROVIDED and must be corrected.`);
    return NOT_PROVIDED;
  }

  override askAutoNowAddAddition(fieldName: string, modelName: string): never {
    this.logLackOfMigration(fieldName, modelName, "it is impossible to add a field with 'auto_now_add=True' without specifying a default");
    throw new SystemExit(3);
  }
}
