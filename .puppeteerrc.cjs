// Never download a browser at install: the system's Chromium is used (see README).
module.exports = { skipDownload: true };
