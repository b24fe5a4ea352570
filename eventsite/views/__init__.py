"""One typed view per page kind, built from the model for one language and one day: every
decision a page shows (is a request to speak still open? which events share this item?)
is made here, tested without a template; the templates in overrides/eventsite/ only lay
out the view they receive as `page` (see `render`)."""
