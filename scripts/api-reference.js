// Added to TypeDoc's default theme for the API reference (typedoc.json, customJs).
// TypeDoc's sidebar puts each module's link inside the <summary> that opens its member list, so a
// link sits inside a control: axe's nested-interactive (serious), and a screen reader hears one
// control that both toggles and navigates. The sidebar is built in the browser (navigation.js), so
// it is repaired here as it appears: the link moves before its <details>, and the summary keeps the
// chevron with a name of its own. api-reference.css puts the chevron back beside the link.
function separateSummaryLinks(root) {
  for (const link of root.querySelectorAll("li > details > summary.tsd-accordion-summary > a")) {
    const summary = link.parentElement;
    const details = summary.parentElement;
    const item = details.parentElement;
    summary.setAttribute("aria-label", `${link.textContent.trim()}: show or hide its members`);
    item.classList.add("movielab-nav-parent");
    item.insertBefore(link, details);
  }
}
new MutationObserver(() => separateSummaryLinks(document)).observe(document.documentElement, {
  childList: true,
  subtree: true
});
separateSummaryLinks(document);
