// A box that may scroll (code, command output, a diff) must be reachable by keyboard, and a
// focusable box needs a name that says what it holds. A named group rather than a region:
// a lesson has dozens of these, and landmarks are for the page's few main parts.
export function scrollRegion(label: string) {
  return { tabIndex: 0, role: 'group', 'aria-label': label } as const;
}
