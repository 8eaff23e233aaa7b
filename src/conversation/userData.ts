/** What the bot remembers about a user across conversations. Only kept with their consent. */
export interface UserData {
  /** The user's answer to "may I keep your answers?": undefined until asked. */
  storageConsent?: boolean;
}
