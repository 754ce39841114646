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
      rows.querySelectorAll("[data-name], [data-member]").forEach((row) => {
        const name = row.dataset.name ?? row.querySelector("b").textContent;
        row.hidden = needle !== "" && !name.includes(needle);
      });
    });
    // Enter in the search box must not submit the sheet.
    box.addEventListener("keydown", (event) => { if (event.key === "Enter") event.preventDefault(); });
  });
});

// Sign-in sheet: the counts follow the marks as they change; on a phone, the … button opens a row's
// reason and speech; while QR check-in is open, scans appear without reloading.
document.addEventListener("DOMContentLoaded", () => {
  const rows = document.querySelector("#sheet-rows");
  if (!rows) return;
  // Each row's reason, speech and 移出 box come from the page's one template and the row's data.
  const extra = document.querySelector("#sheet-extra");
  const more = document.querySelector("#sheet-more");
  if (extra && more) {
    rows.querySelectorAll("tr[data-member]").forEach((row) => {
      const id = row.dataset.member;
      const name = row.querySelector("b").textContent;
      const cells = extra.content.cloneNode(true);
      cells.querySelectorAll("[name]").forEach((field) => {
        field.setAttribute("aria-label", `${field.getAttribute("aria-label")} ${name}`);
        field.name = `${field.name}-${id}`;
      });
      const reason = cells.querySelector("input[type=text]");
      if (reason) reason.value = row.dataset.reason || "";
      const speech = cells.querySelector("select");
      if (speech) speech.value = row.dataset.speech || "";
      const remove = cells.querySelector("input[type=checkbox]");
      if (remove) remove.checked = "remove" in row.dataset;
      row.append(cells);
      const toggle = more.content.cloneNode(true);
      toggle.firstElementChild.setAttribute("aria-label", `${toggle.firstElementChild.getAttribute("aria-label")} ${name}`);
      row.querySelector("b").after(toggle);
    });
  }
  const recount = () => {
    const counts = { present: 0, leave: 0, absent: 0, unmarked: 0 };
    rows.querySelectorAll("tr:not([data-role]) input[type=radio]:checked").forEach((input) => {
      counts[input.value] = (counts[input.value] || 0) + 1;
    });
    document.querySelectorAll("[data-count]").forEach((el) => { el.textContent = counts[el.dataset.count] || 0; });
  };
  rows.addEventListener("change", (event) => {
    const row = event.target.closest("tr");
    if (row) row.dataset.touched = "1";
    recount();
  });
  document.querySelectorAll("[data-mark-all]").forEach((button) => button.addEventListener("click", recount));
  rows.querySelectorAll("[data-row-toggle]").forEach((button) => {
    button.addEventListener("click", () => button.closest("tr").classList.toggle("open"));
  });

  const live = document.querySelector("#checkin-live[data-live-url]");
  if (!live) return;
  const poll = async () => {
    try {
      const response = await fetch(live.dataset.liveUrl, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const data = await response.json();
      for (const item of data.latest) {
        const row = rows.querySelector(`tr[data-member="${item.member}"]`);
        if (!row) continue;
        const name = row.querySelector("b");
        let badge = row.querySelector(".checkin-badge");
        if (!badge) {
          badge = document.createElement("span");
          badge.className = "badge text-bg-success checkin-badge";
          badge.innerHTML = '<i class="bi bi-qr-code-scan"></i> <span data-checkin-at></span>';
          name.parentElement.insertBefore(badge, name.parentElement.querySelector("small"));
        }
        badge.querySelector("[data-checkin-at]").textContent = item.at;
        let late = row.querySelector(".late-badge");
        if (item.late && !late) {
          late = document.createElement("span");
          late.className = "badge text-bg-danger late-badge";
          late.textContent = live.dataset.lateLabel;
          badge.after(" ", late);
        }
        if (late) late.hidden = !item.late;
        const checked = row.querySelector("input[type=radio]:checked");
        if (!row.dataset.touched && (!checked || checked.value === "unmarked")) {
          const present = row.querySelector('input[type=radio][value="present"]');
          if (present) present.checked = true;
        }
      }
      live.querySelector("[data-live-scanned]").textContent = `${data.scanned}`;
      recount();
      if (!data.open) return;
    } catch (error) {
      // A dropped connection on a slow network: try again at the next tick.
    }
    window.setTimeout(poll, 5000);
  };
  poll();
});

// The check-in screen: a new QR code every 20 seconds (the code itself changes each minute) and the count.
document.addEventListener("DOMContentLoaded", () => {
  const screen = document.querySelector("[data-checkin-screen]");
  if (!screen) return;
  const image = screen.querySelector("img.checkin-qr");
  const names = screen.querySelector("[data-live-names]");
  window.setInterval(() => {
    if (image) image.src = `${image.dataset.src}?t=${Date.now()}`;
  }, 20000);
  const poll = async () => {
    try {
      const response = await fetch(screen.dataset.liveUrl, { headers: { Accept: "application/json" } });
      if (response.ok) {
        const data = await response.json();
        screen.querySelector("[data-live-present]").textContent = data.present;
        screen.querySelector("[data-live-invited]").textContent = data.invited;
        if (names) names.textContent = data.latest.slice(0, 12).map((i) => i.name).join("、");
      }
    } catch (error) {
      // try again at the next tick
    }
    window.setTimeout(poll, 4000);
  };
  poll();
});

// A panel that probes every member (the dashboard's inactive members) arrives after the page; without
// the script its link opens the whole list.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-panel]").forEach(async (panel) => {
    try {
      const response = await fetch(panel.dataset.panel, { headers: { Accept: "text/html" } });
      if (response.ok) panel.innerHTML = await response.text();
    } catch (error) {
      // Offline for a moment: the link to the list stays.
    }
  });
});

// A background job (the year's 提案汇编) shows how far it got; the page reloads when it ends.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-job-status]").forEach((box) => {
    const bar = box.querySelector("progress");
    const text = box.querySelector("[data-job-text]");
    const tick = async () => {
      try {
        const response = await fetch(box.dataset.jobStatus, { headers: { Accept: "application/json" } });
        if (response.ok) {
          const job = await response.json();
          if (bar) {
            bar.max = job.total || 1;
            bar.value = job.done;
          }
          if (text) text.textContent = job.text;
          if (!job.active) {
            window.location.reload();
            return;
          }
        }
      } catch (error) {
        // a dropped connection: try again at the next tick
      }
      window.setTimeout(tick, 2000);
    };
    window.setTimeout(tick, 2000);
  });
});
