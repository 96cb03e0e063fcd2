/** How each `resync` command is called; kept apart so listing commands loads none of them. */
export const USAGE = {
  chat: 'resync chat [--json] [--storage memory|sqlite] [--channel <id>]',
  validate: 'resync validate [--intents DIR] [--dialogs DIR]',
  nlu: 'resync nlu predict [--intents DIR] | resync nlu eval [--json] [--folds N] [--seed N] [--intents DIR]',
  start: 'resync start',
  help: 'resync help [command]',
} as const;
