// The commands the playground implements, by name. Add one line per command.

import type { CommandFactory } from '../base';
import { CheckCommand } from './check';

export const IMPLEMENTED_COMMANDS: Record<string, CommandFactory> = {
  check: (ctx) => new CheckCommand(ctx),
};
