import en from './en.json' with { type: 'json' };
import ja from './ja.json' with { type: 'json' };
import vi from './vi.json' with { type: 'json' };
import id from './id.json' with { type: 'json' };
import sw from './sw.json' with { type: 'json' };

/** The site's shared UI strings (layout, knowledge pages, home, search) in every locale. */
export default { en, ja, vi, id, sw };
