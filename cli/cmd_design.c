/* cmd_design.c — `cellforge design FILE [--json] [-o OUT]`: the mass, volume
 * and energy breakdown of a recipe, and the per-electrode model inputs. */
#include "cli.h"
#include "cellforge/cellforge.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "io/json_out.h"

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

static double fin(double x) { return isfinite(x) ? x : 0.0; }

static const char *given_name(int g)
{
    if (g & 1) return "porosity";
    if (g & 2) return "thickness_um";
    if (g & 4) return "density_g_cm3";
    return "none (bare collector)";
}

static json_t *electrode_json(const cf_design_electrode *e)
{
    json_t *o = json_object();
    json_object_set_new(o, "given", json_string(given_name(e->given)));
    json_object_set_new(o, "sides", json_integer(e->sides));
    json_object_set_new(o, "coating_g_m2", json_real(fin(e->coating_g_m2)));
    json_object_set_new(o, "thickness_um", json_real(fin(e->thickness_um)));
    json_object_set_new(o, "porosity", json_real(fin(e->porosity)));
    json_object_set_new(o, "apparent_density_g_cm3", json_real(fin(e->coating_density_g_cm3)));
    json_object_set_new(o, "pore_free_density_g_cm3", json_real(fin(e->skeleton_density_g_cm3)));
    json_object_set_new(o, "density_with_collector_g_cm3", json_real(fin(e->electrode_density_g_cm3)));
    json_object_set_new(o, "collector_thickness_um", json_real(fin(e->collector_thickness_um)));
    json_object_set_new(o, "areal_capacity_mAh_cm2", json_real(fin(e->areal_capacity_mAh_cm2)));
    json_object_set_new(o, "area_m2", json_real(fin(e->area_m2)));
    json_object_set_new(o, "capacity_Ah", json_real(fin(e->capacity_Ah)));
    json_object_set_new(o, "average_potential_V", json_real(fin(e->average_potential_V)));
    json_object_set_new(o, "mass_g", json_real(fin(e->mass_g)));
    json_t *a = json_array();
    for (size_t i = 0; i < e->n_components; i++) {
        const cf_design_component *c = &e->comp[i];
        json_t *x = json_object();
        json_object_set_new(x, "material", json_string(c->material));
        json_object_set_new(x, "active", json_boolean(c->is_active));
        json_object_set_new(x, "mass_fraction", json_real(fin(c->mass_fraction)));
        json_object_set_new(x, "volume_fraction", json_real(fin(c->volume_fraction)));
        json_object_set_new(x, "density_kg_m3", json_real(fin(c->density_kg_m3)));
        json_object_set_new(x, "specific_capacity_mAh_g", json_real(fin(c->specific_capacity_mAh_g)));
        json_object_set_new(x, "particle_radius_m", c->particle_radius_m > 0 ? json_real(c->particle_radius_m) : json_null());
        json_object_set_new(x, "mass_g", json_real(fin(c->mass_g)));
        json_object_set_new(x, "capacity_Ah", json_real(fin(c->capacity_Ah)));
        if (c->li_o_source) {
            static const char *const src[] = {"none", "nominal", "given", "reservoir"};
            json_object_set_new(x, "li_o_ratio", json_real(fin(c->li_o_ratio)));
            json_object_set_new(x, "li_o_source", json_string(src[c->li_o_source & 3]));
        }
        if (strcmp(c->material, "sn_ni_alloy") == 0) {
            json_object_set_new(x, "ni_mass_fraction", json_real(fin(c->ni_mass_fraction)));
            json_object_set_new(x, "Z", json_real(fin(c->z_ratio)));
            json_object_set_new(x, "Z_source", json_string(c->z_from_lever_rule ? "lever rule" : "measured"));
            json_object_set_new(x, "w_sn4ni3", json_real(fin(c->w_ni3sn4)));
            json_object_set_new(x, "w_sn", json_real(fin(c->w_sn)));
            json_object_set_new(x, "w_free_ni", json_real(fin(c->w_free_ni)));
        }
        json_array_append_new(a, x);
    }
    json_object_set_new(o, "components", a);
    return o;
}

static int write_json(FILE *f, const cf_design *d)
{
    json_t *root = json_object();
    json_object_set_new(root, "name", json_string(d->name));
    json_object_set_new(root, "negative", electrode_json(&d->negative));
    json_object_set_new(root, "positive", electrode_json(&d->positive));
    json_t *c = json_object();
    json_object_set_new(c, "np_ratio", json_real(fin(d->np_ratio)));
    json_object_set_new(c, "capacity_Ah", json_real(fin(d->capacity_Ah)));
    json_object_set_new(c, "nominal_voltage_V", json_real(fin(d->nominal_voltage_V)));
    json_object_set_new(c, "energy_Wh", json_real(fin(d->energy_Wh)));
    json_object_set_new(c, "mass_g", json_real(fin(d->mass_g)));
    json_object_set_new(c, "volume_cm3", json_real(fin(d->volume_cm3)));
    json_object_set_new(c, "volume_basis", json_string(d->volume_is_outer ? "outer" : "stack"));
    json_object_set_new(c, "stack_volume_cm3", json_real(fin(d->stack_volume_cm3)));
    json_object_set_new(c, "wh_per_kg", json_real(fin(d->wh_per_kg)));
    json_object_set_new(c, "wh_per_L", json_real(fin(d->wh_per_L)));
    json_object_set_new(c, "separator_thickness_um", json_real(fin(d->separator_thickness_um)));
    json_object_set_new(c, "separator_porosity", json_real(fin(d->separator_porosity)));
    json_object_set_new(c, "electrolyte_g", json_real(fin(d->electrolyte_g)));
    json_object_set_new(c, "pore_volume_cm3", json_real(fin(d->pore_volume_cm3)));
    json_object_set_new(c, "reservoir_Ah", json_real(fin(d->reservoir_Ah)));
    json_object_set_new(c, "first_charge_Ah", json_real(fin(d->first_charge_Ah)));
    json_object_set_new(c, "li_plated_Ah", json_real(fin(d->li_plated_Ah)));
    json_object_set_new(c, "li_metal_negative", json_boolean(d->li_metal_negative));
    json_object_set_new(c, "plating_risk_Ah", json_real(fin(d->plating_risk_Ah)));
    json_object_set_new(c, "capacity_from_window", json_boolean(d->capacity_from_window));
    json_object_set_new(c, "voltage_min_V", json_real(fin(d->v_min_V)));
    json_object_set_new(c, "voltage_max_V", json_real(fin(d->v_max_V)));
    json_object_set_new(c, "negative_window_V", json_pack("[ff]", fin(d->neg_window_V[0]), fin(d->neg_window_V[1])));
    json_object_set_new(c, "positive_window_V", json_pack("[ff]", fin(d->pos_window_V[0]), fin(d->pos_window_V[1])));
    if (d->capacity_from_window) {
        json_object_set_new(c, "negative_potential_V", json_pack("[ff]", fin(d->u_neg_V[0]), fin(d->u_neg_V[1])));
        json_object_set_new(c, "positive_potential_V", json_pack("[ff]", fin(d->u_pos_V[0]), fin(d->u_pos_V[1])));
        json_object_set_new(c, "first_charge_cell_Ah", json_real(fin(d->first_charge_cell_Ah)));
        json_object_set_new(c, "first_cycle_loss_Ah", json_real(fin(d->first_cycle_loss_Ah)));
        json_object_set_new(c, "first_cycle_loss_negative_Ah", json_real(fin(d->first_cycle_loss_neg_Ah)));
        json_object_set_new(c, "first_cycle_loss_positive_Ah", json_real(fin(d->first_cycle_loss_pos_Ah)));
    }
    json_object_set_new(root, "cell", c);
    json_t *b = json_array();
    for (size_t i = 0; i < d->n_items; i++) {
        json_t *x = json_object();
        json_object_set_new(x, "item", json_string(d->items[i].name));
        json_object_set_new(x, "mass_g", json_real(fin(d->items[i].mass_g)));
        json_object_set_new(x, "volume_cm3", json_real(fin(d->items[i].volume_cm3)));
        json_array_append_new(b, x);
    }
    json_object_set_new(root, "breakdown", b);
    json_t *n = json_array();
    for (size_t i = 0; i < d->n_notes; i++) json_array_append_new(n, json_string(d->notes[i]));
    json_object_set_new(root, "notes", n);
    int rc = cf_json_dumpf(root, f, JSON_INDENT(2) | JSON_REAL_PRECISION(10));
    fputc('\n', f);
    json_decref(root);
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
    fprintf(f, "  %-36s %14s %14s\n", "given", given_name(n->given), given_name(p->given));
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
