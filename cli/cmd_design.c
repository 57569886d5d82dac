/* cmd_design.c — `cellforge design FILE [--json] [-o OUT]`: the mass, volume
 * and energy breakdown of a recipe, and the per-electrode model inputs. */
#include "cli.h"
#include "cellforge/cellforge.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *USAGE =
    "usage: cellforge design FILE [--json] [-o OUT]\n"
    "       cellforge design --cell FILE ...  (the same)\n\n"
    "Designs the cell described by the recipe FILE (JSON, see docs/recipe.md): any one of\n"
    "porosity / thickness_um / density_g_cm3 per coating derives the other two; prints areal\n"
    "capacity, N/P, capacity, mass and volume breakdown, Wh/kg, Wh/L and the per-electrode\n"
    "inputs of the model.\n\n"
    "  --json      machine-readable output\n"
    "  -o, --out OUT  write to OUT instead of standard output (written whole or not at all)\n"
    ;

static int write_json(FILE *f, const cf_design *d)
{
    char *text = cf_design_json(d);
    if (!text) return -1;
    int rc = fputs(text, f) < 0 || fputc('\n', f) == EOF;
    free(text);
    return rc;
}

static void row(FILE *f, const char *label, double neg, double pos, const char *fmt)
{
    char a[32], b[32];
    snprintf(a, sizeof a, fmt, neg);
    snprintf(b, sizeof b, fmt, pos);
    fprintf(f, "  %-36s %14s %14s\n", label, a, b);
}

static void write_text(FILE *f, const cf_design *d, const char *path)
{
    const cf_design_electrode *n = &d->negative, *p = &d->positive;
    fprintf(f, "Cell design: %s  (recipe %s)\n\n", cli_esc(d->name), cli_esc(path));
    fprintf(f, "  %-36s %14s %14s\n", "electrode", "negative", "positive");
    fprintf(f, "  %-36s %14s %14s\n", "given", cf_design_given_name(n->given), cf_design_given_name(p->given));
    row(f, "coating per side (g/m2)", n->coating_g_m2, p->coating_g_m2, "%.2f");
    row(f, "coating thickness per side (um)", n->thickness_um, p->thickness_um, "%.2f");
    row(f, "porosity (%)", 100 * n->porosity, 100 * p->porosity, "%.2f");
    row(f, "apparent coating density (g/cm3)", n->coating_density_g_cm3, p->coating_density_g_cm3, "%.4f");
    row(f, "pore-free coating density (g/cm3)", n->skeleton_density_g_cm3, p->skeleton_density_g_cm3, "%.4f");
    row(f, "density with collector (g/cm3)", n->electrode_density_g_cm3, p->electrode_density_g_cm3, "%.4f");
    row(f, "collector thickness (um)", n->collector_thickness_um, p->collector_thickness_um, "%.1f");
    row(f, "areal capacity per side (mAh/cm2)", n->areal_capacity_mAh_cm2, p->areal_capacity_mAh_cm2, "%.4f");
    row(f, "coated area, all sides (m2)", n->area_m2, p->area_m2, "%.5g");
    row(f, "capacity (Ah)", n->capacity_Ah, p->capacity_Ah, "%.4g");
    row(f, "average potential (V vs Li/Li+)", n->average_potential_V, p->average_potential_V, "%.3f");
    fprintf(f, "\n  %-36s %14s\n", "cell", "value");
    fprintf(f, "  %-36s %14.4f\n", "N/P ratio (-)", d->np_ratio);
    if (d->capacity_from_window) {
        fprintf(f, "  %-36s %14.4g\n", "first charge (Ah)", d->first_charge_cell_Ah);
        fprintf(f, "  %-36s %14.4g\n", d->li_metal_negative ? "  negative's loss (dead Li, Ah)" : "  negative's loss (SEI, Ah)",
                d->first_cycle_loss_neg_Ah);
        fprintf(f, "  %-36s %14.4g\n", "  positive's loss (sites, Ah)", d->first_cycle_loss_pos_Ah);
        fprintf(f, "  %-36s %14.4g\n", "first-cycle loss, the larger (Ah)", d->first_cycle_loss_Ah);
        fprintf(f, "  %-36s %14.4g\n", "reversible capacity (Ah)", d->capacity_Ah);
        fprintf(f, "  %-36s %7.3f-%.3f\n", "cell voltage limits (V)", d->v_min_V, d->v_max_V);
        if (d->neg_window_V[1] > d->neg_window_V[0])
            fprintf(f, "  %-36s %7.3f-%.3f  (window %.3g-%.3g)\n", "negative at the limits (V vs Li)", d->u_neg_V[0],
                    d->u_neg_V[1], d->neg_window_V[0], d->neg_window_V[1]);
        else /* a lithium foil or bare collector: no window of its own */
            fprintf(f, "  %-36s %7.3f-%.3f  (lithium metal)\n", "negative at the limits (V vs Li)", d->u_neg_V[0],
                    d->u_neg_V[1]);
        fprintf(f, "  %-36s %7.3f-%.3f  (window %.3g-%.3g)\n", "positive at the limits (V vs Li)", d->u_pos_V[0],
                d->u_pos_V[1], d->pos_window_V[0], d->pos_window_V[1]);
    } else {
        fprintf(f, "  %-36s %14.4g\n", "capacity (Ah)", d->capacity_Ah);
    }
    if (d->plating_risk_Ah > 0) fprintf(f, "  %-36s %14.4g\n", "plating risk, not counted (Ah)", d->plating_risk_Ah);
    fprintf(f, "  %-36s %14.3f\n", "nominal voltage (V)", d->nominal_voltage_V);
    fprintf(f, "  %-36s %14.4g\n", "energy (Wh)", d->energy_Wh);
    fprintf(f, "  %-36s %14.4g\n", "mass (g)", d->mass_g);
    fprintf(f, "  %-36s %14.4g  (%s)\n", "volume (cm3)", d->volume_cm3, d->volume_is_outer ? "outer" : "stack");
    fprintf(f, "  %-36s %14.1f\n", "specific energy (Wh/kg)", d->wh_per_kg);
    fprintf(f, "  %-36s %14.1f\n", "energy density (Wh/L)", d->wh_per_L);
    fprintf(f, "  %-36s %14.4g\n", "electrolyte (g)", d->electrolyte_g);
    if (d->reservoir_Ah > 0) fprintf(f, "  %-36s %14.4g\n", "lithium reservoir (Ah)", d->reservoir_Ah);
    if (d->has_thermal) { /* the recipe's thermal block: what the lumped model's cell gets */
        fprintf(f, "  %-36s %14.4g  (%.4g g at %.4g J/(kg K))\n", "heat capacity (J/K)", d->heat_capacity_J_K,
                d->thermal_mass_g, d->specific_heat_J_kg_K);
        fprintf(f, "  %-36s %14.4g  (h = %.4g W/(m2 K))\n", "cooling area (cm2)", d->cooling_area_m2 * 1e4,
                d->heat_transfer_W_m2_K);
    }
    if (!d->capacity_from_window) fprintf(f, "  %-36s %14.4g\n", "first charge to negative (Ah)", d->first_charge_Ah);
    if (d->li_plated_Ah > 0) fprintf(f, "  %-36s %14.4g\n", "of it plated as Li metal (Ah)", d->li_plated_Ah);

    fprintf(f, "\n  %-36s %12s %9s %13s\n", "breakdown", "mass (g)", "mass (%)", "volume (cm3)");
    for (size_t i = 0; i < d->n_items; i++)
        fprintf(f, "  %-36s %12.4g %9.2f %13.4g\n", cli_esc(d->items[i].name), d->items[i].mass_g,
                d->mass_g > 0 ? 100 * d->items[i].mass_g / d->mass_g : 0.0, d->items[i].volume_cm3);

    fprintf(f, "\n  %-9s %-13s %9s %9s %11s %10s %11s\n", "model", "material", "w (-)", "vol.fr (-)",
            "rho (kg/m3)", "q (mAh/g)", "radius (um)");
    const cf_design_electrode *el[2] = {n, p};
    const char *side[2] = {"negative", "positive"};
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < el[k]->n_components; i++) {
            const cf_design_component *c = &el[k]->comp[i];
            char rad[16];
            if (c->particle_radius_m > 0)
                snprintf(rad, sizeof rad, "%.3g", c->particle_radius_m * 1e6);
            else
                snprintf(rad, sizeof rad, "-");
            fprintf(f, "  %-9s %-13s %9.4f %9.4f %11.0f %10.1f %11s\n", side[k], cli_esc(c->material), c->mass_fraction,
                    c->volume_fraction, c->density_kg_m3, c->specific_capacity_mAh_g, rad);
        }
    if (d->n_notes) {
        fprintf(f, "\nnotes:\n");
        for (size_t i = 0; i < d->n_notes; i++) fprintf(f, "  - %s\n", cli_esc(d->notes[i]));
    }
}

int cmd_design(int argc, char **argv)
{
    if (cli_wants_help(argc, argv)) {
        cli_help(stdout, "design", USAGE);
        return 0;
    }
    const char *path = NULL, *out = "-";
    int json = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--json") == 0)
            json = 1;
        else if (strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--out") == 0 || strcmp(argv[i], "--output") == 0) {
            if (++i >= argc) return cli_usage_error("design", "%s needs a file name", argv[i - 1]);
            out = argv[i];
        } else if (strcmp(argv[i], "--cell") == 0) { /* the grammar's name for the input, as in simulate */
            if (++i >= argc) return cli_usage_error("design", "--cell needs a recipe file");
            if (path) return cli_usage_error("design", "one recipe file only (got '%s' and '%s')", path, argv[i]);
            path = argv[i];
        } else if (argv[i][0] == '-' && argv[i][1])
            return cli_usage_error("design", "unknown option '%s'", argv[i]);
        else if (path)
            return cli_usage_error("design", "one recipe file only (got '%s' and '%s')", path, argv[i]);
        else
            path = argv[i];
    }
    if (!path) return cli_usage_error("design", "give a recipe file");

    cf_error err;
    cf_error_clear(&err);
    cf_recipe *r = NULL;
    cf_design d;
    if (cf_recipe_load(path, &r, &err) || cf_design_compute(r, &d, &err)) {
        cf_recipe_free(r);
        return cli_fail("design", &err);
    }
    cf_recipe_free(r);
    cf_outfile *f;
    if (cf_outfile_open(out, &f, &err)) return cli_fail("design", &err);
    int bad = 0;
    if (json) bad = write_json(cf_outfile_stream(f), &d) != 0;
    else write_text(cf_outfile_stream(f), &d, path);
    /* A failed write is reported by the commit, which knows whether the
     * output was a file or standard output. */
    if (cf_outfile_commit(f, &err)) return cli_fail("design", &err);
    if (bad) {
        cf_error_set(&err, CF_EIO, out, "could not write JSON");
        return cli_fail("design", &err);
    }
    return 0;
}
