/* li_sn_steps.h — the room-temperature Li–Sn plateau curve shared by the tin
 * and Ni3Sn4 OCPs (see li_sn_steps.c). */
#ifndef CF_MATERIALS_LI_SN_STEPS_H
#define CF_MATERIALS_LI_SN_STEPS_H

/* The rise at sto -> 0 that carries the curve above the first plateau. */
typedef struct {
    double height_V;   /* total height of the rise                  */
    double centre;     /* sto at half height                         */
    double width;      /* tanh width in sto (sets the slope)         */
} cf_li_sn_start;

/* OCP (V vs Li/Li+) at sto = y/4.4 of Li_ySn with every plateau moved by
 * shift_V; dU/dsto in *dU (required). */
double cf_li_sn_plateaus(double sto, double shift_V, const cf_li_sn_start *start, double *dU);

#endif
