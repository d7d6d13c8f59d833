/**
 * English, the first language of the message catalog. Every word the counter shows goes through
 * here, so a center's language can be added as one more file without touching the screens.
 * `{name}` placeholders are filled by `t`.
 */
export const en = {
  'app.name': 'Counter',
  'app.tagline': 'Service counter',
  'nav.home': 'Home',
  'nav.settings': 'Settings',
  'nav.main': 'Main',
  'home.title': 'Welcome to {center}',
  'home.unnamedCenter': 'your service center',
  'home.lead':
    'The counter is ready. Warranty policies for XINJI, KOSPET, COROS and Bluetens are loaded.',
  'home.setupNeeded':
    'This counter is not set up yet: enter the center’s name and code in Settings.',
  'home.openSettings': 'Open Settings',
  'storage.blocked': 'Saving is paused: {problem}',
  'error.unexpected':
    'Something went wrong on this screen. Your saved work is safe. Reload to continue.',
  'error.reload': 'Reload',
  loading: 'Loading…',
  'form.fixErrors': 'Nothing was saved. Fix the fields marked in red, then save again.',
  'form.saved': 'Saved.',
  'form.saving': 'Saving…',
  'settings.title': 'Settings',
  'settings.center': 'The center',
  'settings.center.lead':
    'Printed on every receipt. The center code from HQ starts every ticket number.',
  'settings.center.name': 'Center name',
  'settings.center.code': 'Center code',
  'settings.center.code.hint': '2 to 10 letters and digits, from HQ (for example BLR01).',
  'settings.center.address': 'Address',
  'settings.center.phone': 'Center phone',
  'settings.center.country': 'Country',
  'settings.center.country.hint':
    'Two letters, such as IN. Watches bought in another country are checked against it.',
  'settings.center.currency': 'Currency',
  'settings.center.currency.hint': 'Three letters, such as INR.',
  'settings.center.save': 'Save center',
  'settings.technicians': 'Technicians',
  'settings.technicians.none': 'No technicians yet. Add the people who work at this counter.',
  'settings.technicians.name': 'Technician name',
  'settings.technicians.add': 'Add technician',
  'settings.policies': 'Warranty policies',
  'settings.policies.lead':
    'The policy each brand’s watches are checked against, and the brand the intake form starts with.',
  'settings.policies.forBrand': 'Policy for {brand}',
  'settings.policies.defaultBrand': 'Default brand',
  'settings.policies.save': 'Save policies',
  'settings.policies.version': '{title}, version {version}',
} as const;

export type MessageKey = keyof typeof en;
