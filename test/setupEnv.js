// natural loads dotenv, which prints on import unless quiet.
process.env.DOTENV_CONFIG_QUIET = 'true';
process.env.TZ = 'UTC';
