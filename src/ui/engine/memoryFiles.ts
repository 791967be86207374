// The project's files held in memory, behind the engine's ProjectFiles interface.
import type { ProjectFiles } from '../../engine/project';
import type { FileMap } from './protocol';

export class MemoryFiles implements ProjectFiles {
  private readonly map = new Map<string, string>();
  constructor(initial: FileMap = {}) {
    for (const [path, text] of Object.entries(initial)) this.map.set(path, text);
  }
  read(path: string): string | undefined {
    return this.map.get(path);
  }
  write(path: string, text: string): void {
    this.map.set(path, text);
  }
  delete(path: string): void {
    this.map.delete(path);
  }
  list(): string[] {
    return [...this.map.keys()].sort();
  }
  toObject(): FileMap {
    return Object.fromEntries([...this.map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
