// natural loads dotenv when it is required, and dotenv prints tips unless told to be quiet.
// Imported first by every entry point, before anything that pulls in natural.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
