// Django's check messages (django.core.checks.messages).

export const DEBUG = 10;
export const INFO = 20;
export const WARNING = 30;
export const ERROR = 40;
export const CRITICAL = 50;

/** What a message is about: printed as `blog.Post.title`, `blog.Post` or `?`. */
export interface CheckTarget {
  /** The label Django prints for the object. */
  checkLabel(): string;
  /** Where the object is defined, for editor squiggles. */
  checkLocation?(): { file: string; line: number } | undefined;
}

export class CheckMessage {
  constructor(
    readonly level: number,
    readonly msg: string,
    readonly hint: string | null = null,
    readonly obj: CheckTarget | string | null = null,
    readonly id: string | null = null,
  ) {}

  isSerious(level = ERROR): boolean {
    return this.level >= level;
  }

  isSilenced(silenced: readonly string[] = []): boolean {
    return this.id !== null && silenced.includes(this.id);
  }

  objLabel(): string {
    if (this.obj === null) return '?';
    if (typeof this.obj === 'string') return this.obj;
    return this.obj.checkLabel();
  }

  /** `blog.Post.title: (fields.E120) msg` plus `\n\tHINT: hint`, exactly as Django prints it. */
  toString(): string {
    const id = this.id ? `(${this.id}) ` : '';
    const hint = this.hint ? `\n\tHINT: ${this.hint}` : '';
    return `${this.objLabel()}: ${id}${this.msg}${hint}`;
  }

  location(): { file: string; line: number } | undefined {
    if (this.obj && typeof this.obj !== 'string') return this.obj.checkLocation?.();
    return undefined;
  }
}

export const Error_ = (msg: string, o: { hint?: string | null; obj?: CheckTarget | string | null; id: string }) =>
  new CheckMessage(ERROR, msg, o.hint ?? null, o.obj ?? null, o.id);
export const Warning_ = (msg: string, o: { hint?: string | null; obj?: CheckTarget | string | null; id: string }) =>
  new CheckMessage(WARNING, msg, o.hint ?? null, o.obj ?? null, o.id);
