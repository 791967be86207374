#! models: seed
#! mode: script
#! argv: shell --no-imports
from blog.models import Post
print(Post.objects.count())
print(Tag)
