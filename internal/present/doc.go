// Package present holds the browser tests of the slide deck and its speaker
// view (<lecture>/present/, rendered by package render from the theme's
// present.html, and run by its present.js): they build a small course and
// drive the deck in headless Chromium as a lecturer would, from file://,
// from `lecgen serve` and from a sub-path.
package present
