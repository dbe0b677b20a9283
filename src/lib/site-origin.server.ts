/**
 * The site's own origin for links that leave the request — emails, auth redirects, invitation
 * links: `SITE_URL` at run time, else the `site` the build was made with (astro.config.mjs).
 * Never the request's Host header: anyone can send any Host, and a link in an email we send must
 * not point wherever the person who caused it chose.
 */
export function siteOrigin(): string {
	return new URL(process.env['SITE_URL'] || import.meta.env.SITE || 'http://localhost:4321').origin;
}
