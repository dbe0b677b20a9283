import { config } from 'astro/zod';

// zod probes for eval() (`new Function`) to compile faster parsers; the site's CSP refuses it and
// reports a violation each time. It parses as well without (ADR 014). A module of its own, loaded
// with a form's schema, so that only zod's `config` is imported here and not all of zod (ADR 015).
config({ jitless: true });
