// Package a11y holds the accessibility tests of the default theme: they
// build the sample course, load every kind of page in headless Chromium
// (chromedp) and run axe-core on it at the WCAG 2.1 AA level, in light and
// dark mode, then check the pages with the keyboard alone.
//
// axe-core is an npm package, pinned in package.json here and installed
// into node_modules/ by `npm ci` (.ci/run does it when it is missing). The
// tests skip, saying why, when Chromium or axe-core is absent.
//
// The package has no code of its own; everything is in its tests.
package a11y
