/**
 * How the bot's activities look on a terminal: text, cards as text with numbered buttons,
 * suggested actions, and the one-JSON-line-per-activity form of `resync chat --json`.
 */
import type { Activity, CardAction } from 'botbuilder';
import { markdownLine, PLAIN, type TerminalStyle } from './terminalMarkdown';

const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';
const BUTTON_CARDS = new Set([
  'application/vnd.microsoft.card.hero',
  'application/vnd.microsoft.card.thumbnail',
  'application/vnd.microsoft.card.signin',
  'application/vnd.microsoft.card.oauth',
]);

/** Something the person can answer by number or title, and what answering sends to the bot. */
export interface Button {
  title: string;
  /** What to send: text and/or a value (Adaptive Card data, postBack objects). Undefined for links. */
  reply?: { text?: string; value?: unknown };
  /** For link buttons (openUrl, Action.OpenUrl). */
  url?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function cardActionButton(a: Partial<CardAction>): Button {
  const title = a.title ?? str(a.value) ?? a.text ?? '';
  switch (a.type) {
    case 'openUrl':
    case 'signin':
    case 'downloadFile':
    case 'playAudio':
    case 'playVideo':
    case 'showImage':
      return { title, url: str(a.value) };
    case 'messageBack':
      return { title, reply: { text: a.text ?? a.displayText, value: a.value } };
    default: {
      // imBack, postBack and anything unknown: a string value is sent as text.
      if (typeof a.value === 'string') return { title, reply: { text: a.value } };
      if (a.value !== undefined && a.value !== null) return { title, reply: { text: title, value: a.value } };
      return { title, reply: { text: title } };
    }
  }
}

function adaptiveActionButton(action: Json): Button | undefined {
  const title = str(action.title) ?? '';
  switch (action.type) {
    case 'Action.Submit':
    case 'Action.Execute': {
      const data = action.data;
      // Teams-style data ({ msteams: { type: 'imBack', value } }) behaves like an imBack.
      const msteams = isObject(data) && isObject(data.msteams) ? data.msteams : undefined;
      if (msteams && msteams.type === 'imBack' && typeof msteams.value === 'string') return { title, reply: { text: msteams.value } };
      return { title, reply: { text: title, value: data } };
    }
    case 'Action.OpenUrl':
      return { title, url: str(action.url) };
    default:
      return undefined; // ShowCard, ToggleVisibility: nothing to send.
  }
}

/** Lines of an Adaptive Card's body, and the actions found in it (ActionSets) and at its end. */
function adaptiveCard(card: Json): { lines: string[]; buttons: Button[] } {
  const lines: string[] = [];
  const buttons: Button[] = [];
  const addActions = (actions: unknown) => {
    if (!Array.isArray(actions)) return;
    for (const a of actions) if (isObject(a)) {
      const b = adaptiveActionButton(a);
      if (b) buttons.push(b);
    }
  };
  const walk = (elements: unknown) => {
    if (!Array.isArray(elements)) return;
    for (const el of elements) {
      if (!isObject(el)) continue;
      switch (el.type) {
        case 'TextBlock':
          if (str(el.text)) lines.push(...splitLines(String(el.text)));
          break;
        case 'RichTextBlock':
          if (Array.isArray(el.inlines)) lines.push(el.inlines.map((i) => (typeof i === 'string' ? i : isObject(i) ? (str(i.text) ?? '') : '')).join(''));
          break;
        case 'FactSet':
          if (Array.isArray(el.facts)) for (const f of el.facts) if (isObject(f)) lines.push(`${str(f.title) ?? ''}: ${str(f.value) ?? ''}`);
          break;
        case 'Image':
          lines.push(`[image${str(el.altText) ? `: ${el.altText}` : ''}]`);
          break;
        case 'ActionSet':
          addActions(el.actions);
          break;
        case 'ColumnSet':
          if (Array.isArray(el.columns)) for (const c of el.columns) if (isObject(c)) walk(c.items);
          break;
        default:
          walk(el.items); // Container, Column and friends
      }
    }
  };
  walk(card.body);
  addActions(card.actions);
  return { lines, buttons };
}

/** Text as lines, without the blank lines Markdown uses between paragraphs. */
function splitLines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '');
}

export interface RenderedActivity {
  /** Lines to show (without the "resync> " prefix); empty = nothing to show. */
  lines: string[];
  /** Buttons in this activity, in the order they are numbered. */
  buttons: Button[];
}

/** Buttons and suggested actions of an activity (cards first, then suggested actions). */
export function buttonsOf(activity: Partial<Activity>): Button[] {
  return renderActivity(activity, 1).buttons;
}

/**
 * The activity as terminal lines. Buttons are numbered from `firstNumber` so numbers run on
 * across the replies of one turn. Markdown in texts is rendered for a terminal (`style` says
 * whether bold may use ANSI codes); button titles are shown as they are.
 */
export function renderActivity(activity: Partial<Activity>, firstNumber: number, style: TerminalStyle = PLAIN): RenderedActivity {
  const lines: string[] = [];
  const buttons: Button[] = [];
  const addButtons = (list: Button[]) => {
    for (const b of list) {
      const n = firstNumber + buttons.length;
      buttons.push(b);
      lines.push(`  [${n}] ${b.title}${b.url ? ` <${b.url}>` : ''}`);
    }
  };

  switch (activity.type) {
    case 'message':
      break;
    case 'event':
      return { lines: [`(event: ${activity.name ?? 'unnamed'})`], buttons };
    case 'endOfConversation':
      return { lines: ['(conversation ended)'], buttons };
    case 'handoff':
      return { lines: ['(handing over to a person)'], buttons };
    default:
      return { lines, buttons }; // typing, delay, trace and the like are not shown as text
  }

  const addText = (text: string) => lines.push(...splitLines(text).map((line) => markdownLine(line, style)));
  if (activity.text) addText(activity.text);
  for (const attachment of activity.attachments ?? []) {
    const content = attachment.content as unknown;
    if (attachment.contentType === ADAPTIVE_CARD && isObject(content)) {
      const card = adaptiveCard(content);
      lines.push(...card.lines.map((line) => markdownLine(line, style)));
      addButtons(card.buttons);
    } else if (BUTTON_CARDS.has(attachment.contentType) && isObject(content)) {
      for (const key of ['title', 'subtitle', 'text'] as const) if (str(content[key])) addText(String(content[key]));
      const actions = Array.isArray(content.buttons) ? (content.buttons as Partial<CardAction>[]) : [];
      addButtons(actions.map(cardActionButton));
    } else {
      lines.push(`[attachment: ${attachment.name ?? attachment.contentType}${attachment.contentUrl ? ` ${attachment.contentUrl}` : ''}]`);
    }
  }
  addButtons((activity.suggestedActions?.actions ?? []).map(cardActionButton));
  return { lines, buttons };
}

/** The line `resync chat --json` prints for an activity. */
export interface ActivityRecord {
  type: string;
  text: string | null;
  /** Titles of the suggested actions. */
  suggestedActions: string[];
  /** Content types of the attachments. */
  attachments: string[];
  /** Every answerable button (cards and suggested actions) with the number that answers it. */
  buttons: { n: number; title: string }[];
  /** The playbook step this activity belongs to (channelData.resync.step). */
  step: string | null;
  /** The event name for event activities. */
  event: string | null;
  inputHint: string | null;
}

export function activityRecord(activity: Partial<Activity>, firstNumber: number): ActivityRecord {
  const rendered = renderActivity(activity, firstNumber);
  const channelData = activity.channelData as { resync?: { step?: unknown } } | undefined;
  const step = channelData?.resync?.step;
  return {
    type: activity.type ?? 'message',
    text: activity.text ?? null,
    suggestedActions: (activity.suggestedActions?.actions ?? []).map((a) => a.title ?? str(a.value) ?? ''),
    attachments: (activity.attachments ?? []).map((a) => a.contentType),
    buttons: rendered.buttons.filter((b) => b.reply).map((b) => ({ n: firstNumber + rendered.buttons.indexOf(b), title: b.title })),
    step: typeof step === 'string' ? step : step === undefined || step === null ? null : String(step),
    event: activity.type === 'event' ? (activity.name ?? null) : null,
    inputHint: activity.inputHint ?? null,
  };
}
