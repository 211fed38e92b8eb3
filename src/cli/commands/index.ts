import type { Command } from 'commander';
import { registerAuditCommands } from './audit';
import { registerMigrateCommand } from './migrate';
import { registerServeCommands } from './serve';

/** Each command file adds its sub-commands to the program; the order here is the help order. */
export type CommandRegistration = (program: Command) => void;

export const commandRegistrations: CommandRegistration[] = [registerServeCommands, registerMigrateCommand, registerAuditCommands];
