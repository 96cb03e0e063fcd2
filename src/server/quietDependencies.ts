/**
 * Imported first by the service entry: natural loads dotenv, which prints "injected env" lines
 * on stdout when imported unless told to be quiet. Our own `.env` handling is loadDotEnv.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';

export {};
