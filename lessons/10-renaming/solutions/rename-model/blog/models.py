from django.db import models


class Tag(models.Model):
    name = models.CharField(max_length=50, unique=True)

    def __str__(self):
        return self.name


class Author(models.Model):
    name = models.CharField(max_length=100)

    def __str__(self):
        return self.name


class Post(models.Model):
    title = models.CharField(max_length=200)
    body = models.TextField()
    views_count = models.PositiveIntegerField(default=0)
    tags = models.ManyToManyField(Tag, blank=True, related_name="posts")
    author = models.ForeignKey(
        Author, on_delete=models.PROTECT, null=True, blank=True, related_name="posts"
    )
    editor = models.ForeignKey(
        Author, on_delete=models.SET_NULL, null=True, blank=True, related_name="edited_posts"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    is_featured = models.BooleanField(default=False)
    subtitle = models.CharField(max_length=200)

    def __str__(self):
        return self.title


class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    author = models.CharField(max_length=150)
    body = models.TextField()

    def __str__(self):
        return self.body


class Subscriber(models.Model):
    name = models.CharField(max_length=100)
    follows = models.ManyToManyField(Author, through="Subscription", related_name="followers")

    def __str__(self):
        return self.name


class Subscription(models.Model):
    reader = models.ForeignKey(Subscriber, on_delete=models.CASCADE)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    since = models.DateTimeField(auto_now_add=True)
