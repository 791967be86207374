// The commands the playground implements, by name. Add one line per command.

import type { CommandFactory } from '../base';
import { CheckCommand } from './check';
import { MigrateCommand } from './migrate';
import { ShowmigrationsCommand } from './showmigrations';
import { SqlmigrateCommand } from './sqlmigrate';

export const IMPLEMENTED_COMMANDS: Record<string, CommandFactory> = {
  check: (ctx) => new CheckCommand(ctx),
  migrate: (ctx) => new MigrateCommand(ctx),
  showmigrations: (ctx) => new ShowmigrationsCommand(ctx),
  sqlmigrate: (ctx) => new SqlmigrateCommand(ctx),
};
