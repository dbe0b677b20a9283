import en from './en.json' with { type: 'json' };
import ja from './ja.json' with { type: 'json' };
import vi from './vi.json' with { type: 'json' };
import id from './id.json' with { type: 'json' };
import sw from './sw.json' with { type: 'json' };

/** The outage page's UI strings in every locale; registered in src/i18n/catalogs.ts. */
export default { en, ja, vi, id, sw };
