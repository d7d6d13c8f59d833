import type { KnowledgeBaseDocument } from './schema';

/**
 * A small, valid knowledge base for tests: a fresh copy each call, so a test can break it in one
 * place. The texts are made up; the bundled files are checked against the brands' texts in
 * tests/unit/troubleshooting.
 */
export const testKnowledgeBaseDocument = (): KnowledgeBaseDocument => ({
  id: 'test',
  brand: 'TEST',
  version: 1,
  title: 'Test answers',
  sources: { test: 'test.txt', other: 'other.txt' },
  beforeRepair: [{ text: 'Tell us what you have tried.', source: 'test' }],
  symptoms: [
    {
      id: 'pairing',
      name: 'Watch will not pair with the phone',
      synonyms: [
        "won't pair",
        "won't connect",
        "can't connect to phone",
        'bluetooth problem',
        'pairing failed',
      ],
      keywords: ['pair', 'connect'],
      question: { text: 'Why can’t I pair the watch with my phone?', source: 'test' },
      origin: 'brand',
      steps: [
        { text: 'Restart the phone and the watch.', source: 'test' },
        {
          text: 'Reset the watch.  Then reinstall the App.',
          source: 'test',
          note: 'Sync first.',
        },
      ],
      notes: [{ text: 'Unpair it from the old phone first.', source: 'test' }],
      related: ['app-connection'],
    },
    {
      id: 'app-connection',
      name: 'Watch will not connect to the app',
      synonyms: ["app won't connect", "can't connect to app"],
      keywords: ['app'],
      origin: 'brand',
      steps: [{ text: 'Exit the App and reconnect.', source: 'test' }],
    },
    {
      id: 'notifications',
      name: 'Notifications do not arrive on the watch',
      synonyms: ['no notifications', 'notifications not working', 'messages not showing'],
      keywords: ['whatsapp'],
      origin: 'common',
      basedOn: 'kospet',
      steps: [
        { text: 'Turn notifications on for the App.', source: 'other' },
        { text: 'Turn Do Not Disturb off.', source: 'other' },
      ],
      notes: [{ text: 'Our own word on notifications.', source: 'test', origin: 'brand' }],
    },
    {
      id: 'heart-rate',
      name: 'Heart rate looks wrong',
      synonyms: ['heart rate wrong', 'heart rate too high'],
      keywords: ['pulse'],
      origin: 'brand',
      steps: [{ text: 'Wear the watch above the wrist bone.', source: 'test' }],
    },
    {
      id: 'battery-life',
      name: 'Battery drains fast',
      synonyms: ['battery dies quickly', 'battery does not last'],
      keywords: ['battery'],
      origin: 'brand',
      steps: [{ text: 'Lower the brightness.', source: 'test' }],
    },
    {
      id: 'firmware-update',
      name: 'Updating the firmware',
      synonyms: ['firmware update', 'software update'],
      keywords: ['firmware'],
      origin: 'brand',
      steps: [{ text: 'Update from the App.', source: 'test' }],
      notes: [{ text: 'Charge to 70% first.', source: 'test' }],
    },
    {
      id: 'firmware-update-fails',
      name: 'Firmware update fails',
      synonyms: ['update failed', 'update stuck'],
      origin: 'brand',
      steps: [{ text: 'Retry the update.', source: 'test' }],
    },
    {
      id: 'forgotten-passcode',
      name: 'Forgotten passcode',
      synonyms: ['forgot passcode', 'forgot password', 'watch locked'],
      keywords: ['passcode', 'pin'],
      origin: 'brand',
      steps: [{ text: 'Ask support for the ROM file.', source: 'test' }],
    },
  ],
});
