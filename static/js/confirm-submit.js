// A form with data-confirm asks its question before it is sent (the restore buttons of an
// article's history). Without JavaScript the form is sent at once; the history keeps
// what it replaces, so nothing is lost either way.
document.addEventListener("submit", (event) => {
  const question = event.target.dataset && event.target.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});
