/** Wording the hub says to the person, from dialogs/handoff.yaml (placeholder, being filled in). */
export type HandoffMessages = Record<string, string | string[]>;
