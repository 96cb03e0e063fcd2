/** An Engine on the real content with the keyword recogniser and a manual clock, for the main dialog's pure modules. */
import { ManualClock } from '../../../src/clock';
import { Engine } from '../../../src/dialogs/engine';
import { silentLogger } from '../../../src/logging/logger';
import { ALL_CLEAR, FixtureStatusFeed, KeywordRecognizer, NOW, realContent } from '../helpers';

export function testEngine(content = realContent()): { engine: Engine; clock: ManualClock; recognizer: KeywordRecognizer } {
  const clock = new ManualClock(NOW);
  const recognizer = new KeywordRecognizer(content);
  const engine = new Engine({
    content,
    recognizer,
    statusFeed: new FixtureStatusFeed(ALL_CLEAR),
    clock,
    logger: silentLogger,
    statusPageUrl: 'https://status.example',
    statusTimeoutMs: 1000,
    record: undefined as never,
    profile: undefined as never,
  });
  return { engine, clock, recognizer };
}
