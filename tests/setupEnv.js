// Keeps natural's bundled dotenv quiet and stops tests from reading a developer's .env.
process.env.DOTENV_CONFIG_QUIET = 'true';
