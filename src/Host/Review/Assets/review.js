// Keyboard shortcuts of the review page: a accept, r reject, s skip, u undo, / search.
// The page works without this script (every action is a plain form); the keys press the same buttons.
(function () {
  'use strict';
  var shortcuts = { a: 'accept', r: 'reject', s: 'skip', u: 'undo' };
  var submitting = false;
  // One decision per page: a key pressed twice must not post the next decision on the same proposal.
  document.addEventListener('submit', function () { submitting = true; });
  document.addEventListener('keydown', function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    var target = e.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) {
      if (e.key === 'Escape') target.blur();
      return;
    }
    if (e.key === '/') {
      var search = document.getElementById('q');
      if (search) { e.preventDefault(); search.focus(); search.select(); }
      return;
    }
    var name = shortcuts[e.key];
    if (!name || submitting) return;
    var button = document.querySelector('[data-shortcut="' + name + '"]');
    if (button && !button.disabled) { e.preventDefault(); button.click(); }
  });
})();
