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

  // A filter box above long member pickers: type part of a name to narrow the list. The label comes
  // from the page (data-filter-placeholder), so it follows the interface language.
  document.querySelectorAll("select[data-filterable]").forEach((select) => {
    const box = document.createElement("input");
    box.type = "search";
    box.className = "form-control form-control-sm mb-1";
    box.placeholder = select.dataset.filterPlaceholder || "";
    box.setAttribute("aria-label", box.placeholder);
    select.parentNode.insertBefore(box, select);
    box.addEventListener("input", () => {
      const needle = box.value.trim();
      for (const option of select.options) {
        option.hidden = needle !== "" && !option.text.includes(needle) && !option.selected;
      }
    });
  });

  // Sign-in sheet: one click marks everyone not yet signed as present; exceptions are then changed by hand.
  document.querySelectorAll("[data-mark-all]").forEach((button) => {
    button.addEventListener("click", () => {
      const rows = document.querySelector(button.dataset.target);
      rows.querySelectorAll("tr").forEach((row) => {
        const checked = row.querySelector("input[type=radio]:checked");
        if (!checked || checked.value === "unmarked") {
          const target = row.querySelector(`input[type=radio][value="${button.dataset.markAll}"]`);
          if (target) target.checked = true;
        }
      });
    });
  });

  // Tick every box of a list (e.g. the review queue's page) in one click.
  document.querySelectorAll("[data-check-all]").forEach((button) => {
    button.addEventListener("click", () => {
      document.querySelectorAll(`${button.dataset.checkAll} input[type=checkbox]`).forEach((box) => {
        box.checked = true;
      });
    });
  });

  // Find a name in a long table by typing part of it.
  document.querySelectorAll("[data-filter-rows]").forEach((box) => {
    const rows = document.querySelector(box.dataset.filterRows);
    box.addEventListener("input", () => {
      const needle = box.value.trim();
      rows.querySelectorAll("[data-name]").forEach((row) => {
        row.hidden = needle !== "" && !row.dataset.name.includes(needle);
      });
    });
    // Enter in the search box must not submit the sheet.
    box.addEventListener("keydown", (event) => { if (event.key === "Enter") event.preventDefault(); });
  });
});
