// Behaviour shared by every page. Kept out of the templates so a strict Content-Security-Policy holds.
document.addEventListener("DOMContentLoaded", () => {
  // Filter selects submit their form at once: one click per filter on a phone.
  document.querySelectorAll("form[data-autosubmit] select").forEach((select) => {
    select.addEventListener("change", () => select.form.requestSubmit());
  });
  // Ask before an action that cannot be taken back by the same button.
  document.querySelectorAll("[data-confirm]").forEach((el) => {
    el.addEventListener("click", (event) => {
      if (!window.confirm(el.dataset.confirm)) event.preventDefault();
    });
  });
});
