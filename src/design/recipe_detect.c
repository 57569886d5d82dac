/* recipe_detect.c — see recipe_detect.h. */
#include "design/recipe_detect.h"

int cf_json_is_recipe(const json_t *root)
{
    if (!json_is_object(root)) return 0;
    if (json_object_get(root, "components")) return 1;
    static const char *const sides[] = {"negative", "positive"};
    for (int i = 0; i < 2; i++) {
        const json_t *e = json_object_get(root, sides[i]);
        if (json_is_object(e) && json_object_get(e, "components")) return 1;
    }
    return 0;
}
